using Microsoft.Extensions.Logging;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Telemetry;

/// <summary>
/// The fields every log line about a run carries — run id, job id, tenant and handler — as a logging scope around the
/// run, so that a handler's own lines have them too. The JSON console formatter
/// (<c>Logging__Console__FormatterName=json</c>) writes them under <c>Scopes</c>.
/// </summary>
public static class RunLogScope
{
    public static IDisposable? Begin(ILogger logger, ExecuteJob message)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(message);
        return logger.BeginScope(new RunLogFields(message));
    }

    /// <summary>The fields as a logging state: a list of pairs, the shape formatters read properties from.</summary>
    sealed class RunLogFields(ExecuteJob message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 4;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("RunId", message.RunId),
            1 => new("JobId", message.JobId),
            2 => new("TenantId", message.TenantId),
            3 => new("Handler", message.Handler),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
                yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"run {message.RunId} of job {message.JobId} (tenant {message.TenantId}, handler {message.Handler})";
    }
}
