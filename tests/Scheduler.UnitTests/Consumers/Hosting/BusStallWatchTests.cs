using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class BusStallWatchTests
{
    static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan UnconsumedAfter = TimeSpan.FromSeconds(12);
    static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(12);

    static readonly BrokerSighting Consumed = new(true, []);
    static readonly BrokerSighting Unconsumed = new(true, ["scheduler-jobs"]);
    static readonly Func<string, bool> HeldReady = _ => true;

    // Each step: seconds after the start, what the look saw ("retrying": no consumer, and MassTransit retries the
    // endpoint), since when sends failed (seconds after the start, or null).
    public static TheoryData<string, (double At, string Look, double? FailingSince)[], bool> Sequences => new()
    {
        { "queues consumed, sends confirmed", [(0, "consumed", null), (20, "consumed", null), (40, "consumed", null)], false },
        { "no consumer, but not for long enough", [(0, "unconsumed", null), (11, "unconsumed", null)], false },
        { "no consumer for the whole stall time", [(0, "unconsumed", null), (6, "unconsumed", null), (12, "unconsumed", null)], true },
        { "a consumer came back in between", [(0, "unconsumed", null), (6, "consumed", null), (12, "unconsumed", null), (18, "unconsumed", null)], false },
        { "the broker was away: no stall, the time starts again", [(0, "unconsumed", null), (6, "silent", null), (12, "unconsumed", null), (18, "unconsumed", null)], false },
        { "no consumer since the broker came back", [(0, "silent", null), (3, "unconsumed", null), (15, "unconsumed", null)], true },
        { "sends failing while the broker answers", [(0, "consumed", 0), (6, "consumed", 0), (12, "consumed", 0)], true },
        { "sends failing, counted from the broker's return", [(0, "silent", 0), (3, "consumed", 0), (12, "consumed", 0), (15, "consumed", 0)], true },
        { "sends failing only while the broker was away", [(0, "silent", 0), (3, "consumed", 0), (12, "consumed", 0)], false },
        { "sends failing recently", [(0, "consumed", null), (20, "consumed", 15), (26, "consumed", 15)], false },
        { "no consumer while MassTransit retries the endpoint", [(0, "retrying", null), (6, "retrying", null), (30, "retrying", null)], false },
        { "sends failing while MassTransit reconnects its endpoints", [(0, "silent", 0), (3, "retrying", 0), (12, "retrying", 0), (20, "retrying", 0)], false },
        { "sends failing once MassTransit holds its endpoints ready again",
            [(0, "silent", 0), (3, "retrying", 0), (20, "consumed", 0), (26, "consumed", 0), (32, "consumed", 0)], true },
        { "sends failing, endpoints held ready for less than the stall time",
            [(0, "silent", 0), (3, "retrying", 0), (20, "consumed", 0), (31, "consumed", 0)], false },
        { "MassTransit retried, then held the endpoint ready without a consumer",
            [(0, "retrying", null), (20, "retrying", null), (21, "unconsumed", null), (27, "unconsumed", null), (33, "unconsumed", null)], true },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Finds_a_stall_only_after_the_broker_has_answered_for_the_stall_time(string scenario,
        (double At, string Look, double? FailingSince)[] steps, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var watch = new BusStallWatch(UnconsumedAfter, StallAfter);
        string? verdict = null;
        foreach (var (at, look, failingSince) in steps)
        {
            var sighting = look switch
            {
                "consumed" => Consumed,
                "unconsumed" or "retrying" => Unconsumed,
                _ => BrokerSighting.Silent,
            };
            var retrying = look == "retrying";
            verdict = watch.Observe(Start.AddSeconds(at), sighting, retrying ? _ => false : HeldReady, !retrying,
                failingSince is { } since ? Start.AddSeconds(since) : null);
        }

        Assert.True(stalled == verdict is not null, $"{scenario}: {verdict ?? "no stall"}");
    }

    [Fact]
    public void Names_the_queues_without_a_consumer()
    {
        var watch = new BusStallWatch(UnconsumedAfter, StallAfter);
        watch.Observe(Start, Unconsumed, HeldReady, true, null);

        var verdict = watch.Observe(Start.AddSeconds(12), Unconsumed, HeldReady, true, null);

        Assert.Contains("scheduler-jobs", verdict, StringComparison.Ordinal);
    }
}
