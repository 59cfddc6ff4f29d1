using System.Globalization;
using System.Net;
using System.Text;

namespace CloudTrust.Cli.Report;

/// <summary>
/// An inline SVG chart of each ring's own progress over time: the share of the ring's devices whose policy succeeded
/// (solid) and, for rings that gate on tickets, the share of its reporting devices holding both tickets (dashed).
/// </summary>
internal static class RingProgressChart
{
    private const int Width = 900;
    private const int Height = 300;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 60;

    private static readonly string[] Colours = ["#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#2e7d32", "#ad1457"];

    /// <summary>Draws the chart.</summary>
    /// <param name="rings">Each ring's series.</param>
    /// <returns>The SVG element, or an empty string when nothing was read.</returns>
    public static string Svg(IReadOnlyList<RingSeries>? rings)
    {
        var all = (rings ?? []).SelectMany(r => r.Policy.Concat(r.Tickets)).ToList();
        if (all.Count == 0)
        {
            return string.Empty;
        }

        var start = all.Min(p => p.At);
        var span = Math.Max(1, (all.Max(p => p.At) - start).TotalHours);
        double X(DateTimeOffset at) => Left + ((at - start).TotalHours / span * (Width - Left - Right));
        double Y(double share) => Top + ((1 - share) * (Height - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"ring-progress\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Each ring's progress over time\">");
        foreach (var share in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(share):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(share):0.#}\" stroke=\"#e5e5e5\"/><text x=\"{Left - 8}\" y=\"{Y(share) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\">{share:P0}</text>");
            var x = Left + (share * (Width - Left - Right));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\">{share * span:0.#} h</text>");
        }

        var legendX = Left;
        for (var i = 0; i < rings!.Count; i++)
        {
            var ring = rings[i];
            var colour = Colours[i % Colours.Length];
            string Points(IEnumerable<SharePoint> points) => string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.At):0.#},{Y(p.Share):0.#}")));
            var name = WebUtility.HtmlEncode(ring.Ring);
            if (ring.Policy.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"ring-series\" data-ring=\"{name}\" data-series=\"policy\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{Points(ring.Policy)}\"/>");
            }

            if (ring.Tickets.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"ring-series\" data-ring=\"{name}\" data-series=\"tickets\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"{Points(ring.Tickets)}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Height - 18}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{legendX + 16}\" y=\"{Height - 8}\" font-size=\"12\">{name}</text>");
            legendX += 150;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"12\">solid: policy succeeded · dashed: both tickets</text></svg>");
        return svg.ToString();
    }
}
