using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.DeadLetters;

/// <summary>The embedded deployment's in-memory transport keeps no dead-letter queues: none counted, nothing to move.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedDeadLetterTests(EmbeddedDeployment deployment)
{
    [Fact]
    public async Task Dead_letters_count_zero_and_a_requeue_moves_nothing()
    {
        var stats = await deployment.Api.GetFromJsonAsync<JsonElement>("/api/stats");
        using var requeued = await deployment.Api.PostAsync("/api/scheduler/dead-letters/requeue", null);

        Assert.Equal(0, stats.GetProperty("deadLetters").GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Equal(0, (await requeued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt64());
    }
}
