using System.Text.Json;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Validation;

public sealed class JobMetadataRulesTests
{
    static Dictionary<string, JsonElement> Metadata(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Theory]
    [InlineData("""{"team": "billing"}""")]
    [InlineData("""{"n": 3, "ratio": 0.5, "on": true, "off": false, "none": null}""")]
    [InlineData("""{"tags": ["a", "b"], "o": {"x": true, "nested": [{"deep": [1, 2]}]}}""")]
    [InlineData("""{}""")]
    public void Any_json_values_are_accepted(string json)
    {
        Assert.Empty(JobMetadataRules.Validate(Metadata(json)));
    }

    [Fact]
    public void Absent_metadata_is_valid()
    {
        Assert.Empty(JobMetadataRules.Validate(null));
    }

    [Fact]
    public void Metadata_of_exactly_16_KiB_is_accepted_and_one_byte_more_is_refused_naming_the_field_and_the_size()
    {
        // {"k":"…"} is 8 bytes around the string.
        var atLimit = new Dictionary<string, JsonElement> { ["k"] = JsonSerializer.SerializeToElement(new string('x', JobMetadataRules.MaxBytes - 8)) };
        var overLimit = new Dictionary<string, JsonElement> { ["k"] = JsonSerializer.SerializeToElement(new string('x', JobMetadataRules.MaxBytes - 7)) };

        Assert.Equal(JobMetadataRules.MaxBytes, JobMetadataRules.Size(atLimit));
        Assert.Empty(JobMetadataRules.Validate(atLimit));
        var error = Assert.Single(JobMetadataRules.Validate(overLimit));
        Assert.Equal("metadata", error.Field);
        Assert.Contains("16 KiB", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"{JobMetadataRules.MaxBytes + 1} bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_counts_non_ascii_text_in_utf8_bytes_not_in_escapes()
    {
        // "é" is two bytes in UTF-8, six as the escape \u00e9 that a default JSON writer would use.
        var metadata = Metadata("""{"k": "\u00e9\u00e9"}""");

        Assert.Equal("""{"k":""}""".Length + 4, JobMetadataRules.Size(metadata));
    }

    [Fact]
    public void The_size_of_nested_values_counts_as_compact_json()
    {
        var metadata = Metadata("""{ "a" : [ 1 , 2 ] , "b" : { "c" : true } }""");

        Assert.Equal("""{"a":[1,2],"b":{"c":true}}""".Length, JobMetadataRules.Size(metadata));
    }

    [Fact]
    public void A_nul_character_in_a_nested_string_or_a_key_is_refused()
    {
        var nested = Metadata("""{"o": {"list": ["fine", "a\u0000b"]}}""");
        var key = Metadata("""{"a\u0000b": 1}""");

        Assert.Equal("metadata.o", Assert.Single(JobMetadataRules.Validate(nested)).Field);
        Assert.Equal("metadata", Assert.Single(JobMetadataRules.Validate(key)).Field);
    }

    [Fact]
    public void A_value_that_is_no_json_at_all_is_refused()
    {
        var metadata = new Dictionary<string, JsonElement> { ["unset"] = default };

        Assert.Equal("metadata.unset", Assert.Single(JobMetadataRules.Validate(metadata)).Field);
    }
}
