using System;
using System.Collections.Generic;
using System.Linq;

namespace ClientIp.AnalyzerCost.Generation;

/// <summary>
/// Ordinary helper methods (LINQ, string handling, parsing, loops) that fill models and services. They are the bulk of
/// the generated code and contain no client-IP pattern, so they exercise the analyzers' fast paths: e.g.
/// <c>Split(',')[0]</c> on data that is not a header, or indexers on ordinary dictionaries.
/// </summary>
internal static class HelperPool
{
    private delegate string Template(string modifiers, string self, string item, int k);

    // self is "this " for extension methods over a sequence, "" otherwise; item is the element type.
    private static readonly Template[] Templates =
    [
        (m, self, t, k) => $$"""
            {{m}} IReadOnlyDictionary<string, decimal> TotalsByStatus{{k}}({{self}}IEnumerable<{{t}}> items)
            {
                return items
                    .Where(i => i.Quantity > 0)
                    .GroupBy(i => i.Status, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount * i.Quantity), StringComparer.OrdinalIgnoreCase);
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} IReadOnlyList<string> TopNames{{k}}({{self}}IEnumerable<{{t}}> items, int count)
            {
                return items
                    .OrderByDescending(i => i.Amount)
                    .ThenBy(i => i.Name, StringComparer.Ordinal)
                    .Take(count)
                    .Select(i => i.Name.Length > 32 ? i.Name[..32] + "..." : i.Name)
                    .ToList();
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} string Summarize{{k}}({{self}}IEnumerable<{{t}}> items)
            {
                var builder = new StringBuilder();
                var index = 0;
                foreach (var item in items)
                {
                    if (index++ > 0)
                    {
                        builder.Append("; ");
                    }

                    builder.Append(item.Name).Append(" x").Append(item.Quantity.ToString(CultureInfo.InvariantCulture));
                    if (item.Tags.Any())
                    {
                        builder.Append(" [").Append(string.Join(",", item.Tags)).Append(']');
                    }
                }

                return builder.ToString();
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} IReadOnlyDictionary<string, string> ParseSettings{{k}}(string? raw)
            {
                var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (string.IsNullOrWhiteSpace(raw))
                {
                    return result;
                }

                foreach (var part in raw.Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var pair = part.Split('=');
                    var key = pair[0].Trim();
                    var value = pair.Length > 1 ? pair[1].Trim() : string.Empty;
                    if (key.Length > 0 && !result.ContainsKey(key))
                    {
                        result[key] = value;
                    }
                }

                return result;
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} IEnumerable<{{t}}> CreatedWithin{{k}}({{self}}IEnumerable<{{t}}> items, TimeSpan window, DateTimeOffset now)
            {
                var since = now - window;
                foreach (var item in items)
                {
                    if (item.CreatedAt >= since && item.CreatedAt <= now)
                    {
                        yield return item;
                    }
                }
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} int[] AmountHistogram{{k}}({{self}}IEnumerable<{{t}}> items, int buckets, decimal bucketSize)
            {
                var histogram = new int[Math.Max(1, buckets)];
                foreach (var item in items)
                {
                    var bucket = (int)Math.Min(histogram.Length - 1, Math.Max(0m, item.Amount / bucketSize));
                    histogram[bucket]++;
                }

                return histogram;
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} ILookup<string, string> TagIndex{{k}}({{self}}IEnumerable<{{t}}> items)
            {
                return items
                    .SelectMany(i => i.Tags.Select(tag => (Tag: tag.ToLowerInvariant(), i.Name)))
                    .Distinct()
                    .ToLookup(p => p.Tag, p => p.Name, StringComparer.Ordinal);
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} string Slug{{k}}(string value)
            {
                var builder = new StringBuilder(value.Length);
                var lastDash = false;
                foreach (var c in value.Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        builder.Append(c);
                        lastDash = false;
                    }
                    else if (!lastDash && builder.Length > 0)
                    {
                        builder.Append('-');
                        lastDash = true;
                    }
                }

                return builder.ToString().TrimEnd('-');
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} IReadOnlyList<string> Validate{{k}}({{t}} item)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(item.Name))
                {
                    errors.Add("Name is required.");
                }

                if (item.Name.Length > 200)
                {
                    errors.Add("Name is too long.");
                }

                if (item.Amount < 0)
                {
                    errors.Add("Amount must not be negative.");
                }

                if (item.Quantity is < 0 or > 10_000)
                {
                    errors.Add("Quantity is out of range.");
                }

                if (item.Tags.Any(tag => tag.Contains(',', StringComparison.Ordinal)))
                {
                    errors.Add("Tags must not contain commas.");
                }

                return errors;
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} string Fingerprint{{k}}({{t}} item)
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{item.Name}|{item.Amount}|{item.Quantity}|{item.Status}");
                var hash = 17;
                foreach (var c in text)
                {
                    hash = unchecked((hash * 31) + c);
                }

                return hash.ToString("x8", CultureInfo.InvariantCulture);
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} decimal MedianAmount{{k}}({{self}}IEnumerable<{{t}}> items)
            {
                var sorted = items.Select(i => i.Amount).OrderBy(a => a).ToArray();
                if (sorted.Length == 0)
                {
                    return 0m;
                }

                var middle = sorted.Length / 2;
                return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} IReadOnlyList<IReadOnlyList<string>> Batches{{k}}({{self}}IEnumerable<{{t}}> items, int size)
            {
                return items.Select(i => i.Name).Chunk(Math.Max(1, size)).Select(c => (IReadOnlyList<string>)c).ToList();
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} string FirstColumn{{k}}(string csvLine)
            {
                // A leftmost-entry split on ordinary data: no header involved.
                var first = csvLine.Split(',')[0].Trim();
                return first.Length == 0 ? "(empty)" : first.ToUpperInvariant();
            }
        """,
        (m, self, t, k) => $$"""
            {{m}} Dictionary<string, List<{{t}}>> ByFirstTag{{k}}({{self}}IEnumerable<{{t}}> items)
            {
                var groups = new Dictionary<string, List<{{t}}>>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in items)
                {
                    var key = item.Tags.FirstOrDefault() ?? "untagged";
                    if (!groups.TryGetValue(key, out var list))
                    {
                        list = new List<{{t}}>();
                        groups[key] = list;
                    }

                    list.Add(item);
                }

                return groups;
            }
        """,
    ];

    /// <summary>
    /// Writes <paramref name="count"/> helpers picked at random, for element type <paramref name="item"/>.
    /// </summary>
    /// <param name="modifiers">e.g. "public static" or "private static".</param>
    /// <param name="extension">Whether sequence parameters are extension receivers.</param>
    public static string Write(Random random, int count, string modifiers, bool extension, string item)
    {
        var picks = Enumerable.Range(0, Templates.Length).OrderBy(_ => random.Next()).Take(count).ToList();
        var self = extension ? "this " : string.Empty;
        return string.Join("\n", picks.Select(i => Templates[i](modifiers, self, item, random.Next(1, 100)).TrimEnd() + "\n"));
    }
}
