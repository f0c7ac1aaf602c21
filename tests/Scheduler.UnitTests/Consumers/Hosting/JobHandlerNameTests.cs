using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class JobHandlerNameTests
{
    [Theory]
    [InlineData("noop")]
    [InlineData("send-invoice")]
    [InlineData("reports.daily_v2")]
    [InlineData("7zip")]
    [InlineData("a")]
    public void Lowercase_names_of_letters_digits_and_separators_are_valid(string name)
    {
        Assert.True(JobHandlerName.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Noop")]
    [InlineData("_private")]
    [InlineData(".hidden")]
    [InlineData("send invoice")]
    [InlineData("send/invoice")]
    [InlineData("café")]
    public void Names_outside_the_rule_are_invalid(string? name)
    {
        Assert.False(JobHandlerName.IsValid(name));
    }

    [Fact]
    public void Names_are_at_most_64_characters()
    {
        Assert.True(JobHandlerName.IsValid(new string('a', 64)));
        Assert.False(JobHandlerName.IsValid(new string('a', 65)));
    }

    [Fact]
    public void Validate_names_the_parameter_and_the_rule()
    {
        var exception = Assert.Throws<ArgumentException>(() => JobHandlerName.Validate("Bad Name", "name"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("lowercase", exception.Message, StringComparison.Ordinal);
    }
}
