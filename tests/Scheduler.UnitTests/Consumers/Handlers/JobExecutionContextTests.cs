using System.Text.Json;
using Scheduler.Consumers.Handlers;

namespace Scheduler.UnitTests.Consumers.Handlers;

public sealed class JobExecutionContextTests
{
    [Fact]
    public void Payload_is_read_with_camel_case_names_and_iso_durations()
    {
        var context = ContextWith("""{"duration": "PT1M30S", "label": "nightly", "at": "2026-03-01T10:00:00+01:00"}""");

        var payload = context.PayloadAs<Payload>();

        Assert.NotNull(payload);
        Assert.Equal(TimeSpan.FromSeconds(90), payload.Duration);
        Assert.Equal("nightly", payload.Label);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), payload.At);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Missing_payload_reads_as_default(string? json)
    {
        Assert.Null(ContextWith(json).PayloadAs<Payload>());
    }

    [Fact]
    public void Payload_that_does_not_fit_is_a_permanent_failure()
    {
        var context = ContextWith("""{"duration": 5}""");

        var exception = Assert.Throws<PermanentJobFailureException>(() => context.PayloadAs<Payload>());

        Assert.Contains("'test-handler'", exception.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(exception.InnerException);
    }

    [Fact]
    public void Results_are_written_in_the_wire_format()
    {
        var result = JobResult.From(new Payload(TimeSpan.FromSeconds(5), "x", null));

        Assert.Equal("PT5S", result.GetProperty("duration").GetString());
        Assert.Equal("x", result.GetProperty("label").GetString());
    }

    static JobExecutionContext ContextWith(string? payload) => new()
    {
        JobId = Guid.NewGuid(),
        RunId = Guid.NewGuid(),
        TenantId = "default",
        Handler = "test-handler",
        Payload = payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone(),
    };

    sealed record Payload(TimeSpan? Duration, string? Label, DateTimeOffset? At);
}
