using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.UnitTests.Contracts.Serialization;

public sealed class SchedulerJsonTests
{
    static readonly JsonSerializerOptions Wire = SchedulerJson.CreateOptions();

    [Fact]
    public void Metadata_of_every_json_kind_reads_and_writes_back_unchanged()
    {
        const string metadata = """{"team":"billing","n":3,"ratio":0.25,"on":true,"none":null,"tags":["a","b"],"o":{"x":true,"deep":[{"y":1}]}}""";

        var job = JsonSerializer.Deserialize<ScheduleJob>($$"""{"name": "x", "handler": "noop", "metadata": {{metadata}} }""", Wire)!;

        Assert.Equal("billing", job.Metadata!["team"].GetString());
        Assert.Equal(3, job.Metadata["n"].GetInt32());
        Assert.Equal(JsonValueKind.Array, job.Metadata["tags"].ValueKind);
        Assert.Equal(metadata, JsonSerializer.SerializeToElement(job, Wire).GetProperty("metadata").GetRawText());
    }

    [Fact]
    public void Metadata_that_is_not_a_json_object_cannot_be_read_and_the_error_names_it()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScheduleJob>("""{"metadata": ["team"]}""", Wire));

        Assert.Equal("$.metadata", error.Path);
    }

    [Fact]
    public void A_chain_of_128_follow_ups_reads_and_writes_though_it_nests_far_deeper_than_the_default_64()
    {
        var chain = new ScheduleJob { Name = "last", Handler = "noop" };
        for (var i = 0; i < 127; i++)
            chain = new ScheduleJob { Name = $"step {i}", Handler = "noop", OnSuccess = [chain] };

        var json = JsonSerializer.Serialize(chain, Wire);
        var read = JsonSerializer.Deserialize<ScheduleJob>(json, Wire)!;

        var length = 1;
        for (var job = read; job.OnSuccess is [var next]; job = next)
            length++;
        Assert.Equal(128, length);
    }
}
