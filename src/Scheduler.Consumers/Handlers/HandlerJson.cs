using System.Text.Json;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Handlers;

/// <summary>The JSON options handlers' payloads and results are read and written with.</summary>
static class HandlerJson
{
    // Read-only once built, so one shared instance is safe across concurrent runs and keeps
    // System.Text.Json's metadata cache warm instead of rebuilding it for every payload.
    public static JsonSerializerOptions Options { get; } = Create();

    static JsonSerializerOptions Create()
    {
        var options = SchedulerJson.CreateOptions();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
