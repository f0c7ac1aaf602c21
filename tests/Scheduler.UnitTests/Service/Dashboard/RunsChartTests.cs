using System.Xml.Linq;
using Scheduler.Service.Api;
using Scheduler.Service.Dashboard;
using Scheduler.Service.History;

namespace Scheduler.UnitTests.Service.Dashboard;

public sealed class RunsChartTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 20, TimeSpan.Zero);
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static RunResponse Run(RunStatus status, DateTimeOffset completedAt) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, status, completedAt.AddSeconds(-1), completedAt.AddSeconds(-1), completedAt, 1000, null, null,
            null, null, null, null, null, null);

    static XElement Minute(XElement chart, string label) =>
        chart.Elements(Svg + "g").Single(g => (string?)g.Attribute("data-minute") == label);

    [Fact]
    public void Each_minute_of_the_last_hour_has_a_bar_of_its_runs_by_outcome()
    {
        var chart = XElement.Parse(RunsChart.Render(
        [
            Run(RunStatus.Succeeded, Now.AddSeconds(-5)),
            Run(RunStatus.Succeeded, Now.AddSeconds(-10)),
            Run(RunStatus.Faulted, Now.AddSeconds(-15)),
            Run(RunStatus.Failed, Now.AddMinutes(-10)),
        ], Now));

        Assert.Equal(RunsChart.Minutes, chart.Elements(Svg + "g").Count());
        Assert.Equal("12:30Z: 2 succeeded, 1 failed, 0 other", Minute(chart, "12:30").Element(Svg + "title")!.Value);
        Assert.Equal(2, Minute(chart, "12:30").Elements(Svg + "rect").Count());
        Assert.Equal("12:20Z: 0 succeeded, 1 failed, 0 other", Minute(chart, "12:20").Element(Svg + "title")!.Value);
        Assert.Empty(Minute(chart, "12:21").Elements(Svg + "rect"));
    }

    [Fact]
    public void Runs_older_than_an_hour_are_left_out_and_the_tallest_bar_fills_the_plot()
    {
        var chart = XElement.Parse(RunsChart.Render([Run(RunStatus.Succeeded, Now.AddMinutes(-61)), Run(RunStatus.Skipped, Now)], Now));

        var bars = chart.Descendants(Svg + "rect").ToList();
        var bar = Assert.Single(bars);
        Assert.Equal("#9aa5b4", (string?)bar.Attribute("fill"));
        Assert.Equal("126", (string?)bar.Attribute("height"));
    }
}
