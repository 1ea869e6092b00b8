using System;

namespace ClientIp.AnalyzerCost.Generation;

/// <summary>
/// Source text of the plain class library (no ASP.NET Core): models, services and an access-log parser that reads
/// <c>X-Forwarded-For</c> from a dictionary. Without ASP.NET Core in the compilation our analyzers must not look at
/// any of it.
/// </summary>
internal static class LibrarySources
{
    public static string Service(Unit u, Random random) => $$"""
        using System.Collections.Concurrent;
        using System.Globalization;
        using System.Text;
        using Contoso.Shop.Models;

        namespace Contoso.Shop.Services;

        public sealed class {{u.Name}}Store
        {
            private readonly ConcurrentDictionary<int, {{u.Name}}Entity> _items = new();
            private readonly TextWriter _log;
            private int _nextId;

            public {{u.Name}}Store(TextWriter log)
            {
                _log = log;
            }

            public {{u.Name}}Dto Add({{u.Name}}Dto dto)
            {
                var entity = dto.ToEntity();
                entity.Id = Interlocked.Increment(ref _nextId);
                entity.CreatedAt = DateTimeOffset.UtcNow;
                _items[entity.Id] = entity;
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"added {{u.Name}} {entity.Id}"));
                return entity.ToDto();
            }

            public IReadOnlyList<{{u.Name}}Dto> Page(int page, int size) =>
                _items.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Skip((page - 1) * size).Take(size).Select(e => e.ToDto()).ToList();

            public IReadOnlyDictionary<string, string> ParseAccessLogLine(string line)
            {
                // Log processing: a request's headers as "name: value" pairs separated by tabs.
                var headers = line.Split('\t', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split(':', 2))
                    .Where(p => p.Length == 2)
                    .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
                var forwarded = headers.TryGetValue("X-Forwarded-For", out var value) ? value.Split(',')[0].Trim() : "-";
                headers["client"] = forwarded;
                return headers;
            }

        {{HelperPool.Write(random, random.Next(4, 9), "internal static", extension: false, u.Name + "Entity")}}}

        """;
}
