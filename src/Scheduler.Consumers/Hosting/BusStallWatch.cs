namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Decides from successive looks at the broker whether this process's bus has stalled: the broker has answered and
/// for <see cref="StallGuardOptions.UnconsumedAfter"/> a watched queue had no consumer though MassTransit held its
/// endpoint ready, or for <see cref="StallGuardOptions.StallAfter"/> this process's sends went unconfirmed while
/// MassTransit held every endpoint ready. A broker that does not answer is an outage, not a stall, and so is a bus that
/// MassTransit is reconnecting (its sends fail until it has): the bus is given the full time again once the broker is back
/// and MassTransit holds its endpoints ready. No I/O and no clock of its own, so it is tested with sequences of sightings.
/// </summary>
public sealed class BusStallWatch(TimeSpan unconsumedAfter, TimeSpan stallAfter)
{
    DateTimeOffset? _answeringSince;
    DateTimeOffset? _unconsumedSince;
    DateTimeOffset? _heldReadySince;

    /// <summary>Takes the look made at <paramref name="at"/>; returns why the bus is stalled, or null while it is not.</summary>
    /// <param name="at">When the look was made.</param>
    /// <param name="sighting">What the look saw.</param>
    /// <param name="heldReady">
    /// Whether MassTransit holds the endpoint of a queue ready. A queue without a consumer whose endpoint MassTransit is
    /// retrying (a backoff of up to 30 s after a lost connection) is expected; one whose endpoint it holds ready means
    /// it was never told the connection closed.
    /// </param>
    /// <param name="busHeldReady">
    /// Whether MassTransit holds every endpoint of this process ready: while it reconnects them, its sends are expected
    /// to fail too.
    /// </param>
    /// <param name="sendsFailingSince">Since when this process's sends have gone unconfirmed, or null.</param>
    public string? Observe(DateTimeOffset at, BrokerSighting sighting, Func<string, bool> heldReady, bool busHeldReady,
        DateTimeOffset? sendsFailingSince)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        ArgumentNullException.ThrowIfNull(heldReady);
        if (!sighting.Answered)
        {
            _answeringSince = null;
            _unconsumedSince = null;
            _heldReadySince = null;
            return null;
        }

        var answeringSince = _answeringSince ??= at;
        var stranded = sighting.Unconsumed.Where(heldReady).ToList();
        _unconsumedSince = stranded.Count > 0 ? _unconsumedSince ?? at : null;
        _heldReadySince = busHeldReady ? _heldReadySince ?? at : null;

        if (_unconsumedSince is { } unconsumed && at - unconsumed >= unconsumedAfter)
            return $"the broker has answered for {Seconds(at - answeringSince)} s but no consumer has been on {string.Join(", ", stranded)} "
                   + $"for {Seconds(at - unconsumed)} s, though MassTransit holds their endpoints ready";

        if (sendsFailingSince is { } failing && _heldReadySince is { } heldReadySince)
        {
            var since = Latest(failing, answeringSince, heldReadySince);
            if (at - since >= stallAfter)
                return $"the broker has answered for {Seconds(at - answeringSince)} s but this process's sends have gone unconfirmed "
                       + $"since {failing:O}";
        }

        return null;
    }

    static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
        a > b ? (a > c ? a : c) : (b > c ? b : c);

    static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
