namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Since when this process's sends to the broker have gone unconfirmed: the dispatcher's rounds and the run reports
/// say here how their last attempt ended, and <see cref="BusStallGuard"/> reads it.
/// </summary>
public sealed class SendStall
{
    const long None = long.MinValue;
    long _failingSince = None;

    /// <summary>When the sends began to fail (the first failure since the last success), or null while they succeed.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _failingSince);
            return ticks == None ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Sends at <paramref name="at"/> went unconfirmed within their deadline.</summary>
    public void Failed(DateTimeOffset at) => Interlocked.CompareExchange(ref _failingSince, at.UtcTicks, None);

    /// <summary>Sends were confirmed.</summary>
    public void Succeeded() => Interlocked.Exchange(ref _failingSince, None);
}
