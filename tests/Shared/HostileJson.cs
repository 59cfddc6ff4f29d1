using System.Text;
using CsCheck;

namespace CloudTrust.Tests.Shared;

/// <summary>
/// Generators of hostile documents: valid ones mutated (truncated, a value swapped for a hostile string, a wrong type,
/// a huge number, deep nesting), random bytes including invalid UTF-8, and PowerShell metacharacters in every string.
/// </summary>
internal static class HostileJson
{
    /// <summary>Strings an attacker would put in any field: PowerShell metacharacters, control characters, lone surrogates, huge text.</summary>
    public static readonly string[] HostileStrings =
    [
        "$(Remove-Item -Recurse C:\\)", "`whoami`", "; Stop-Computer -Force", "& calc.exe", "| Out-File x", "'; DROP TABLE x;--",
        "${env:CLOUDTRUST_CLIENT_SECRET}", "@(1,2)", "contoso.com\r\nInjected: header", "\u0000", "\uD800", "..\\..\\windows\\system32",
        "<script>alert(1)</script>", "%00", new string('a', 70_000), "contoso.com; Remove-AzureADKerberosServer", "\"quoted\"", "",
    ];

    /// <summary>Values of the wrong type or shape for any field.</summary>
    public static readonly string[] HostileValues =
    [
        "null", "true", "0", "-1", "1e400", "-1e400", "123456789012345678901234567890", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"\"", "1.5", "NaN",
    ];

    /// <summary>Gets a generator of mutations of <paramref name="valid"/>.</summary>
    /// <param name="valid">A valid document.</param>
    /// <returns>The generator.</returns>
    public static Gen<byte[]> MutationsOf(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var truncated = Gen.Int[0, bytes.Length - 1].Select(n => bytes[..n]);
        var swappedString = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, HostileStrings.Length - 1], (i, h) => Encoding.UTF8.GetBytes(ReplaceNthString(valid, i, JsonString(HostileStrings[h]))));
        var swappedValue = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, HostileValues.Length - 1], (i, h) => Encoding.UTF8.GetBytes(ReplaceNthValue(valid, i, HostileValues[h])));
        var nested = Gen.Int[1, 5000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)));
        var noise = Gen.Byte.Array[0, 512];
        var invalidUtf8 = Gen.Int[0, bytes.Length - 1].Select(n => bytes[..n].Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).Concat(bytes[n..]).ToArray());
        return Gen.OneOf(truncated, swappedString, swappedValue, nested, noise, invalidUtf8);
    }

    private static string JsonString(string value)
        => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("\\uD800", "\uD800", StringComparison.Ordinal);

    /// <summary>Replaces the n-th (modulo the count) JSON string literal that is a value, not a property name.</summary>
    private static string ReplaceNthString(string json, int n, string replacement)
    {
        var spans = new List<(int Start, int End)>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '"')
            {
                continue;
            }

            var end = i + 1;
            while (end < json.Length && json[end] != '"')
            {
                end += json[end] == '\\' ? 2 : 1;
            }

            var after = end + 1;
            while (after < json.Length && char.IsWhiteSpace(json[after]))
            {
                after++;
            }

            if (after >= json.Length || json[after] != ':')
            {
                spans.Add((i, end + 1));
            }

            i = end;
        }

        if (spans.Count == 0)
        {
            return json;
        }

        var (start, stop) = spans[n % spans.Count];
        return json[..start] + replacement + json[stop..];
    }

    /// <summary>Replaces the value after the n-th (modulo the count) property name with a raw JSON value.</summary>
    private static string ReplaceNthValue(string json, int n, string raw)
    {
        var colons = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == '"' && (i == 0 || json[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && json[i] == ':')
            {
                colons.Add(i);
            }
        }

        if (colons.Count == 0)
        {
            return json;
        }

        var at = colons[n % colons.Count] + 1;
        var end = ValueEnd(json, at);
        return json[..at] + " " + raw + json[end..];
    }

    private static int ValueEnd(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}' when depth == 0:
                    return i;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return json.Length;
    }
}
