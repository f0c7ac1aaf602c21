namespace Scheduler.Cli.Output;

/// <summary>How results are printed: tables for people, the service's JSON for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
