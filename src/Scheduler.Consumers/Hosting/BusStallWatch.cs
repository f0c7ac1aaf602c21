namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Decides from successive looks at the broker whether this process's bus has stalled: the broker has answered for
/// <see cref="StallGuardOptions.StallAfter"/> and all that time a watched queue had no consumer, or this process's
/// sends went unconfirmed. A broker that does not answer is an outage, not a stall: the bus is given the full time
/// again once the broker is back. No I/O and no clock of its own, so it is tested with sequences of sightings.
/// </summary>
public sealed class BusStallWatch(TimeSpan stallAfter)
{
    DateTimeOffset? _answeringSince;
    DateTimeOffset? _unconsumedSince;

    /// <summary>Takes the look made at <paramref name="at"/>; returns why the bus is stalled, or null while it is not.</summary>
    public string? Observe(DateTimeOffset at, BrokerSighting sighting, DateTimeOffset? sendsFailingSince)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        if (!sighting.Answered)
        {
            _answeringSince = null;
            _unconsumedSince = null;
            return null;
        }

        var answeringSince = _answeringSince ??= at;
        _unconsumedSince = sighting.Unconsumed.Count > 0 ? _unconsumedSince ?? at : null;

        if (_unconsumedSince is { } unconsumed && at - unconsumed >= stallAfter)
            return $"the broker has answered for {Seconds(at - answeringSince)} s but no consumer has been on {string.Join(", ", sighting.Unconsumed)} "
                   + $"for {Seconds(at - unconsumed)} s";

        if (sendsFailingSince is { } failing)
        {
            var since = failing > answeringSince ? failing : answeringSince;
            if (at - since >= stallAfter)
                return $"the broker has answered for {Seconds(at - answeringSince)} s but this process's sends have gone unconfirmed "
                       + $"since {failing:O}";
        }

        return null;
    }

    static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
