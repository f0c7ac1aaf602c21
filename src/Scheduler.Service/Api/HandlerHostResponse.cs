namespace Scheduler.Service.Api;

/// <summary>One consumer host of a handler: online or not, since when it runs, when it was last heard from or stopped.</summary>
public sealed record HandlerHostResponse(string Host, bool Online, int Concurrency, DateTimeOffset StartedAt, DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt, DateTimeOffset? StoppedAt);
