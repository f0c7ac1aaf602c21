namespace Scheduler.Service.Tenancy;

/// <summary>What a key may do: a member manages its tenant's jobs; an admin also manages keys and the scheduler.</summary>
public enum ApiKeyRole
{
    Member = 0,
    Admin = 1,
}
