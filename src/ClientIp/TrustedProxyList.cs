using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ClientIp;

/// <summary>
/// Reads a provider's list of proxy addresses and ranges, as published: plain text (one entry per line, or separated by
/// commas or spaces; <c>#</c> starts a comment), or JSON, from which every string that looks like an address or range
/// (hex digits, dots, colons and a slash, with a dot or colon) is taken wherever it is (Cloudflare's API
/// <c>{"result": {"ipv4_cidrs": [...], "ipv6_cidrs": [...], "etag": "..."}}</c>, CloudFront's
/// <c>{"CLOUDFRONT_GLOBAL_IP_LIST": [...]}</c>, Fastly's <c>{"addresses": [...], "ipv6_addresses": [...]}</c>). Every entry
/// gets the validation a configured <c>TrustedProxies</c> entry gets, and one bad entry rejects the whole list: a list that
/// is partly garbage is not the list the provider meant.
/// </summary>
internal static class TrustedProxyList
{
    /// <summary>The largest list accepted (Cloudflare's is under 1 KB, CloudFront's under 10 KB).</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>The entries of <paramref name="text"/>, or null with <paramref name="error"/> saying why it is rejected.</summary>
    public static IReadOnlyList<string>? Parse(string text, out string? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = $"it is longer than {MaxLength} characters.";
            return null;
        }

        var trimmed = text.AsSpan().Trim();
        List<string> entries;
        if (trimmed.StartsWith("{") || trimmed.StartsWith("["))
        {
            entries = new List<string>();
            try
            {
                using var document = JsonDocument.Parse(text);
                CollectStrings(document.RootElement, entries);
            }
            catch (JsonException e)
            {
                error = "it is not valid JSON: " + e.Message;
                return null;
            }
        }
        else
        {
            entries = text.Split('\n')
                .Select(line => line.Split('#')[0])
                .SelectMany(line => line.Split([',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
                .ToList();
        }

        if (entries.Count == 0)
        {
            error = "it has no entries.";
            return null;
        }

        var errors = new List<string>();
        TrustedProxySet.Parse(entries, errors);
        if (errors.Count > 0)
        {
            error = string.Join(" ", errors.Take(3)) + (errors.Count > 3 ? $" ({errors.Count - 3} more)" : "");
            return null;
        }

        return entries;
    }

    /// <summary>Skips the other strings of a JSON document (an etag, a date, a region name).</summary>
    private static bool LooksLikeAnAddress(string text) =>
        text.Length > 0 && (text.Contains('.') || text.Contains(':')) && text.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':' or '/' or '%');

    private static void CollectStrings(JsonElement element, List<string> entries)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when LooksLikeAnAddress(element.GetString()!):
                entries.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, entries);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectStrings(property.Value, entries);
                }

                break;
        }
    }
}
