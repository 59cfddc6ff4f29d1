using System.Globalization;
using System.Net;
using System.Text;

namespace CloudTrust.Cli.Report;

/// <summary>An inline SVG line chart of device states over time (succeeded, failed, pending), with axes and a legend.</summary>
internal static class StateChart
{
    private const int Width = 900;
    private const int Height = 320;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 70;

    private static readonly (string Name, string Colour, Func<TimelinePoint, int> Value)[] Series =
    [
        ("succeeded", "#2e7d32", p => p.Succeeded),
        ("pending", "#f9a825", p => p.Pending),
        ("error or conflict", "#c62828", p => p.Failed),
    ];

    /// <summary>Draws the chart.</summary>
    /// <param name="points">The device states, in time order.</param>
    /// <returns>The SVG element.</returns>
    public static string Svg(IReadOnlyList<TimelinePoint> points)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"state-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Device states over time\">");
        if (points.Count == 0)
        {
            svg.Append("<text x=\"20\" y=\"40\">No device status was read yet.</text></svg>");
            return svg.ToString();
        }

        var start = points[0].At;
        var span = Math.Max(1, (points[^1].At - start).TotalHours);
        var max = Math.Max(1, points.Max(p => Math.Max(p.Succeeded, Math.Max(p.Pending, p.Failed))));
        double X(DateTimeOffset at) => Left + ((at - start).TotalHours / span * (Width - Left - Right));
        double Y(int value) => Top + ((1 - ((double)value / max)) * (Height - Top - Bottom));

        foreach (var share in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            var tick = (int)Math.Round(max * share);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(tick):0.#}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\">{tick}</text>");
            var x = Left + (share * (Width - Left - Right));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Height - Bottom}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom + 5}\" stroke=\"#555\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\">{share * span:0.#} h</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#555\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#555\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-x\" x=\"{Left + ((Width - Left - Right) / 2)}\" y=\"{Height - Bottom + 36}\" text-anchor=\"middle\" font-size=\"12\">hours since the first status read at {Encode(start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC (the engine's clock: simulated time in a simulated tenant)</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-y\" x=\"14\" y=\"{Top + ((Height - Top - Bottom) / 2)}\" font-size=\"12\" transform=\"rotate(-90 14 {Top + ((Height - Top - Bottom) / 2)})\" text-anchor=\"middle\">devices</text>");
        var legendX = Left;
        foreach (var (name, colour, value) in Series)
        {
            var line = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.At):0.#},{Y(value(p)):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{name}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{line}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Height - 16}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{legendX + 16}\" y=\"{Height - 6}\" font-size=\"12\">{name}</text>");
            legendX += 150;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
