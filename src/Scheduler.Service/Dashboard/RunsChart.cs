using System.Globalization;
using System.Net;
using System.Text;
using Scheduler.Service.Api;
using Scheduler.Service.History;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// Runs per minute over the last hour as an SVG bar chart drawn on the server (no script, no CDN): each minute one bar,
/// succeeded at the bottom, then failed (failed, timed out, dead letter), then the rest (pending, running, skipped).
/// A run counts in the minute it finished, or started, or was scheduled for.
/// </summary>
public static class RunsChart
{
    public const int Minutes = 60;
    const int Width = 720;
    const int Height = 160;
    const int Top = 12;
    const int Bottom = 22;
    const int Left = 34;

    public static string Render(IEnumerable<RunResponse> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddMinutes(-Minutes);
        var buckets = new (int Succeeded, int Failed, int Other)[Minutes];
        foreach (var run in runs)
        {
            var at = run.CompletedAt ?? run.StartedAt ?? run.ScheduledFor;
            if (at < start || at >= end)
                continue;
            var minute = (int)((at - start).TotalMinutes);
            var bucket = buckets[minute];
            buckets[minute] = run.Status switch
            {
                RunStatus.Succeeded => bucket with { Succeeded = bucket.Succeeded + 1 },
                RunStatus.Failed or RunStatus.TimedOut or RunStatus.Faulted => bucket with { Failed = bucket.Failed + 1 },
                _ => bucket with { Other = bucket.Other + 1 },
            };
        }

        var highest = Math.Max(1, buckets.Max(b => b.Succeeded + b.Failed + b.Other));
        var plot = Height - Top - Bottom;
        var barWidth = (Width - Left) / (double)Minutes;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Runs per minute over the last hour\" id=\"runs-chart\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plot}\" x2=\"{Width}\" y2=\"{Top + plot}\" stroke=\"#dde2ea\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6b7a\">{highest}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + plot}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6b7a\">0</text>");
        for (var minute = 0; minute < Minutes; minute++)
        {
            var (succeeded, failed, other) = buckets[minute];
            var x = Left + minute * barWidth;
            var label = start.AddMinutes(minute).ToString("HH:mm", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture,
                $"<g data-minute=\"{label}\"><title>{label}Z: {succeeded} succeeded, {failed} failed, {other} other</title>");
            var y = (double)(Top + plot);
            foreach (var (count, colour) in new[] { (succeeded, "#1f8a4c"), (failed, "#c0392b"), (other, "#9aa5b4") })
            {
                if (count == 0)
                    continue;
                var h = count * plot / (double)highest;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x + 1:0.##}\" y=\"{y:0.##}\" width=\"{barWidth - 2:0.##}\" height=\"{h:0.##}\" fill=\"{colour}\"/>");
            }
            svg.Append("</g>");
        }

        foreach (var (minute, text) in new[] { (0, "60 min ago"), (30, "30 min ago"), (Minutes - 1, "now") })
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + minute * barWidth + barWidth / 2:0.##}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"{(minute == 0 ? "start" : minute == Minutes - 1 ? "end" : "middle")}\" fill=\"#5f6b7a\">{WebUtility.HtmlEncode(text)}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
