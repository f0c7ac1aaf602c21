namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// One input of a generated sequence, as the bus carries it: the message, its id (the seed of the decision's ids and
/// jitter on either path), who sent it, and the due headers a due message comes with.
/// </summary>
public sealed record JobStep(Guid JobId, object Message, Guid MessageId, string Actor)
{
    public Guid? Token { get; init; }
    public DateTimeOffset? Occurrence { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public IReadOnlyList<DateTimeOffset> Missed { get; init; } = [];

    public override string ToString() =>
        $"{Message.GetType().Name} {System.Text.Json.JsonSerializer.Serialize(Message, Message.GetType())}"
        + (Token is null && Occurrence is null ? "" : $" token={Token} occurrence={Occurrence:O} sentAt={SentAt:O} missed={Missed.Count}");
}
