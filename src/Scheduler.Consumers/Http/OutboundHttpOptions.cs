namespace Scheduler.Consumers.Http;

/// <summary>
/// Where the <c>http</c> and <c>health-check</c> handlers may send requests (configuration section
/// <c>Scheduler:Http</c>). Nothing is allowed until hosts are listed: a job's URL is input from whoever may schedule
/// jobs, and an open proxy inside the network is what an attacker wants.
/// </summary>
public sealed class OutboundHttpOptions
{
    public const string SectionName = "Scheduler:Http";

    /// <summary>Host names or addresses requests may go to: exact (<c>api.example.com</c>), a subdomain wildcard (<c>*.example.com</c>), or <c>*</c> for any.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>When true, link-local addresses (169.254.0.0/16, fe80::/10), among them the cloud metadata services, may be reached.</summary>
    public bool AllowLinkLocal { get; set; }

    /// <summary>The timeout of a request whose job names none.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How much of a response body is kept in the run's result.</summary>
    public int MaxBodyExcerpt { get; set; } = 4096;
}
