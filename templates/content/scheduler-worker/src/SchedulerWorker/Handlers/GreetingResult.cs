namespace SchedulerWorker.Handlers;

/// <summary>What <see cref="GreetingHandler"/> returns; the scheduler keeps it with the run as JSON.</summary>
/// <param name="Greetings">The greetings, in order.</param>
public sealed record GreetingResult(IReadOnlyList<string> Greetings);
