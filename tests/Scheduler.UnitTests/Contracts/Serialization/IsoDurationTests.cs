using System.Text.Json;
using Scheduler.Contracts.Serialization;

namespace Scheduler.UnitTests.Contracts.Serialization;

public sealed class IsoDurationTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "PT5S", TimeSpan.FromSeconds(5) },
        { "PT0.2S", TimeSpan.FromMilliseconds(200) },
        { "PT0,5S", TimeSpan.FromMilliseconds(500) },
        { "PT1H30M", new TimeSpan(1, 30, 0) },
        { "P1D", TimeSpan.FromDays(1) },
        { "P2W", TimeSpan.FromDays(14) },
        { "P1DT2H3M4S", new TimeSpan(1, 2, 3, 4) },
        { "pt5s", TimeSpan.FromSeconds(5) },
        { "-PT1S", TimeSpan.FromSeconds(-1) },
        { "PT0S", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Parses_fixed_length_durations(string text, TimeSpan expected)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("5S")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1W2D")]
    [InlineData("00:00:05")]
    [InlineData("PT1.5H")]
    [InlineData("PT\u0661S")]        // an Arabic-Indic digit one: a digit, but not an ASCII one
    [InlineData("P\u0967D")]         // a Devanagari one
    public void Refuses_text_that_is_not_a_fixed_length_iso_duration(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_examples()
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse("five seconds"));

        Assert.Contains("PT5S", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(5, "PT5S")]
    [InlineData(90, "PT1M30S")]
    [InlineData(3600, "PT1H")]
    [InlineData(86400, "P1D")]
    [InlineData(93784, "P1DT2H3M4S")]
    [InlineData(-1, "-PT1S")]
    public void Formats_the_shortest_way(int seconds, string expected)
    {
        Assert.Equal(expected, IsoDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Formats_fractions_of_a_second()
    {
        Assert.Equal("PT0.2S", IsoDuration.Format(TimeSpan.FromMilliseconds(200)));
        Assert.Equal("PT1.0000001S", IsoDuration.Format(TimeSpan.FromTicks(TimeSpan.TicksPerSecond + 1)));
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void Format_and_parse_round_trip(string text, TimeSpan duration)
    {
        Assert.NotNull(text);
        Assert.Equal(duration, IsoDuration.Parse(IsoDuration.Format(duration)));
    }

    [Fact]
    public void Json_converter_reads_and_writes_iso_strings()
    {
        var options = SchedulerJson.CreateOptions();

        Assert.Equal("\"PT1M30S\"", JsonSerializer.Serialize(TimeSpan.FromSeconds(90), options));
        Assert.Equal(TimeSpan.FromSeconds(5), JsonSerializer.Deserialize<TimeSpan>("\"PT5S\"", options));
        Assert.Null(JsonSerializer.Deserialize<TimeSpan?>("null", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimeSpan>("\"00:00:05\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimeSpan>("5", options));
    }
}
