namespace Scheduler.Contracts;

/// <summary>Well-known tenant identifiers.</summary>
public static class Tenants
{
    /// <summary>The tenant of a job that names none.</summary>
    public const string Default = "default";
}
