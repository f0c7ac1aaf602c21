namespace Scheduler.Cli.Hosting;

/// <summary>What the command's exit code tells a script.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The service answered and refused the request (4xx/5xx); its problem details are printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The service could not be reached (connection refused, name not found, no answer in time).</summary>
    public const int Unreachable = 3;
}
