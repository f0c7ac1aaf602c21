using System.Text.Json;
using Scheduler.Consumers.Handlers;

namespace Scheduler.Bench.Consumer;

/// <summary>The built-in <c>noop</c>, with each start and end written to the <see cref="ExecutionJournal"/>.</summary>
public sealed class JournaledNoopHandler(ExecutionJournal journal) : IJobHandler
{
    public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        journal.Write(ExecutionJournal.Started, context);
        journal.Write(ExecutionJournal.Ended, context);
        return Task.FromResult<JsonElement?>(null);
    }
}
