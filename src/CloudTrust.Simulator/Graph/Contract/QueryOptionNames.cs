using System.Text;
using System.Text.RegularExpressions;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// The property names a request's <c>$select</c>, <c>$expand</c>, <c>$orderby</c> and <c>$filter</c> name, checked
/// against the addressed type (its base types included). Paths (<c>a/b</c>) and type casts
/// (<c>microsoft.graph.device/deviceId</c>) are followed; literals, operators, functions and lambda variables are not
/// names. Graph answers an unknown name with "Could not find a property named '…' on type '…'."
/// </summary>
public static partial class QueryOptionNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not", "in", "has", "add", "sub", "mul", "div", "mod",
        "true", "false", "null", "asc", "desc", "INF", "NaN",
    };

    /// <summary>Checks <c>$select</c>: each item a property or navigation property, optionally behind a cast.</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="type">The addressed (element) type.</param>
    /// <param name="select">The option's value.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> Select(CsdlModel model, string type, string select)
        => TopLevelItems(select).Where(i => i != "*").SelectMany(i => PathViolations(model, type, i, "$select"));

    /// <summary>Checks <c>$expand</c>: each item a navigation property (nested options are not descended into).</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="type">The addressed (element) type.</param>
    /// <param name="expand">The option's value.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> Expand(CsdlModel model, string type, string expand)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var item in TopLevelItems(expand).Where(i => i != "*"))
        {
            var name = item.Split('(', 2)[0].Trim();
            if (!model.TryNavigation(type, name, out _))
            {
                yield return NotFound(name, type, "$expand");
            }
        }
    }

    /// <summary>Checks <c>$orderby</c>: each item a property path, optionally followed by asc or desc.</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="type">The addressed (element) type.</param>
    /// <param name="orderBy">The option's value.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> OrderBy(CsdlModel model, string type, string orderBy)
        => TopLevelItems(orderBy).SelectMany(i => PathViolations(model, type, i.Split(' ', 2)[0], "$orderby"));

    /// <summary>Checks every property path <c>$filter</c> names.</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="type">The addressed (element) type.</param>
    /// <param name="filter">The option's value.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> Filter(CsdlModel model, string type, string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var text = WithoutStringLiterals(filter);
        var lambdaVariables = LambdaVariable().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var token = match.Value;
            var next = match.Index + match.Length < text.Length ? text[match.Index + match.Length] : ' ';
            if (next == '(')
            {
                // A function (contains, startswith, any, all…): only a property path in front of it is a name.
                var slash = token.LastIndexOf('/');
                if (slash < 0)
                {
                    continue;
                }

                token = token[..slash];
            }

            if (next == ':' || Keywords.Contains(token) || lambdaVariables.Contains(token.Split('/')[0]))
            {
                continue;
            }

            foreach (var violation in PathViolations(model, type, token, "$filter"))
            {
                yield return violation;
            }
        }
    }

    /// <summary>Graph's message for a name the type lacks.</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The qualified type.</param>
    /// <param name="where">The query option or body.</param>
    /// <returns>The violation.</returns>
    public static ContractViolation NotFound(string name, string type, string where)
        => new(name, where, $"Could not find a property named '{name}' on type '{type}'.");

    private static IEnumerable<ContractViolation> PathViolations(CsdlModel model, string type, string path, string where)
    {
        var current = type;
        foreach (var segment in path.Trim().Split('/'))
        {
            if (current is null || TypeReference.IsPrimitive(current) || model.Find(current) is null)
            {
                yield break;
            }

            if (segment.Contains('.', StringComparison.Ordinal) && model.Find(segment) is { } cast && model.IsAssignableTo(cast.Name, current))
            {
                current = cast.Name;
                continue;
            }

            if (model.Property(current, segment) is { } property)
            {
                current = TypeReference.Element(property);
                continue;
            }

            if (model.TryNavigation(current, segment, out var target))
            {
                current = target is null ? null : TypeReference.Element(target);
                continue;
            }

            yield return NotFound(segment, current, where);
            yield break;
        }
    }

    private static IEnumerable<string> TopLevelItems(string value)
    {
        var depth = 0;
        var item = new StringBuilder();
        foreach (var c in value)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                if (item.ToString().Trim() is { Length: > 0 } done)
                {
                    yield return done;
                }

                item.Clear();
                continue;
            }

            item.Append(c);
        }

        if (item.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static string WithoutStringLiterals(string filter) => StringLiteral().Replace(filter, "''");

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w\-.:/])[A-Za-z_][\w.]*(?:/[A-Za-z_][\w.]*)*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\(\s*([A-Za-z_]\w*)\s*:")]
    private static partial Regex LambdaVariable();
}
