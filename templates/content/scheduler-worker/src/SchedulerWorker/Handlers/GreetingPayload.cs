namespace SchedulerWorker.Handlers;

/// <summary>What a job sends to <see cref="GreetingHandler"/>, as JSON: <c>{"name": "Ada", "times": 2}</c>.</summary>
/// <param name="Name">Who to greet.</param>
/// <param name="Times">How many greetings, from 1 to 10.</param>
public sealed record GreetingPayload(string Name, int Times = 1);
