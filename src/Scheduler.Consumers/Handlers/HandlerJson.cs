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

        // A payload that leaves out a field the handler's type requires, or sets a non-nullable one to null, does not
        // fit: the run fails as permanent with the reason, rather than the handler meeting a null it did not expect.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
