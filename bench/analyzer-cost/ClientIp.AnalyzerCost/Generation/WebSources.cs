using System;
using System.Collections.Generic;
using System.Linq;

namespace ClientIp.AnalyzerCost.Generation;

/// <summary>
/// Source text of the web app's files. Everything here is ordinary ASP.NET Core code (header reads of other headers,
/// LINQ, logging) except where a <see cref="Pattern"/> is asked for.
/// </summary>
internal static class WebSources
{
    public static string Models(Unit u, Random random)
    {
        string[] extraProperties =
        [
            "public string Description { get; set; } = string.Empty;",
            "public int Priority { get; set; }",
            "public bool IsArchived { get; set; }",
            "public decimal Discount { get; set; }",
            "public string? ExternalReference { get; set; }",
            "public Guid CorrelationId { get; set; }",
            "public TimeSpan Duration { get; set; }",
            "public double Weight { get; set; }",
            "public string Region { get; set; } = \"eu\";",
            "public int Version { get; set; }",
            "public string? Notes { get; set; }",
            "public long Sequence { get; set; }",
        ];
        var extras = string.Join("\n", extraProperties.OrderBy(_ => random.Next()).Take(random.Next(3, 9)).Select(p => "    " + p));
        return $$"""
            using System.Globalization;
            using System.Text;

            namespace Contoso.Shop.Models;

            public sealed record {{u.Name}}Dto(int Id, string Name, decimal Amount, int Quantity, string Status, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags);

            public sealed record {{u.Name}}Query(string? Search, string? Status, int Page = 1, int PageSize = 20, string? SortBy = null, bool Descending = false);

            public sealed class {{u.Name}}Entity
            {
                public int Id { get; set; }
                public string Name { get; set; } = string.Empty;
                public decimal Amount { get; set; }
                public int Quantity { get; set; }
                public string Status { get; set; } = "new";
                public DateTimeOffset CreatedAt { get; set; }
                public DateTimeOffset? UpdatedAt { get; set; }
                public List<string> Tags { get; } = new();
            {{extras}}
            }

            public static class {{u.Name}}Mapping
            {
                public static {{u.Name}}Dto ToDto(this {{u.Name}}Entity entity) =>
                    new(entity.Id, entity.Name, entity.Amount, entity.Quantity, entity.Status, entity.CreatedAt, entity.Tags.ToArray());

                public static {{u.Name}}Entity ToEntity(this {{u.Name}}Dto dto)
                {
                    var entity = new {{u.Name}}Entity
                    {
                        Id = dto.Id,
                        Name = dto.Name.Trim(),
                        Amount = dto.Amount,
                        Quantity = dto.Quantity,
                        Status = dto.Status,
                        CreatedAt = dto.CreatedAt,
                    };
                    entity.Tags.AddRange(dto.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant()).Distinct());
                    return entity;
                }

                public static string ToCsvLine(this {{u.Name}}Dto dto) =>
                    string.Join(',', dto.Id.ToString(CultureInfo.InvariantCulture), dto.Name, dto.Amount.ToString(CultureInfo.InvariantCulture), dto.Status, string.Join('|', dto.Tags));

                public static {{u.Name}}Dto FromCsvLine(string line)
                {
                    var parts = line.Split(',');
                    var tags = parts.Length > 4 ? parts[4].Split('|', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
                    return new {{u.Name}}Dto(
                        int.Parse(parts[0], CultureInfo.InvariantCulture),
                        parts[1],
                        decimal.Parse(parts[2], CultureInfo.InvariantCulture),
                        0,
                        parts[3],
                        DateTimeOffset.UnixEpoch,
                        tags);
                }

            {{HelperPool.Write(random, random.Next(2, 6), "public static", extension: true, u.Name + "Dto")}}}

            """;
    }

    public static string Settings(Unit u, Random random)
    {
        (string Property, string? Check)[] extraSettings =
        [
            ("public int RetryCount { get; set; } = 3;", "options.RetryCount < 0"),
            ("public string Endpoint { get; set; } = \"https://example.invalid/\";", "!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _)"),
            ("public bool EnableAudit { get; set; } = true;", null),
            ("public double SamplingRate { get; set; } = 0.1;", "options.SamplingRate is < 0 or > 1"),
            ("public string Region { get; set; } = \"eu-west\";", "string.IsNullOrWhiteSpace(options.Region)"),
            ("public int TimeoutSeconds { get; set; } = 30;", "options.TimeoutSeconds <= 0"),
            ("public string ApiKeyHeader { get; set; } = \"X-Api-Key\";", "!options.ApiKeyHeader.StartsWith(\"X-\", StringComparison.Ordinal)"),
            ("public int BatchSize { get; set; } = 100;", "options.BatchSize is <= 0 or > 10_000"),
            ("public string[] Cultures { get; set; } = [\"en-US\", \"de-DE\"];", "options.Cultures.Length == 0"),
        ];
        var picked = extraSettings.OrderBy(_ => random.Next()).Take(random.Next(2, 7)).ToList();
        var properties = string.Join("\n", picked.Select(p => "    " + p.Property));
        var checks = string.Join("\n", picked.Where(p => p.Check is not null).Select(p => $$"""
                    if ({{p.Check}})
                    {
                        failures.Add("{{u.Name}}: invalid setting.");
                    }

            """));
        return $$"""
            using Microsoft.Extensions.Options;

            namespace Contoso.Shop.Settings;

            public sealed class {{u.Name}}Options
            {
                public const string SectionName = "{{u.Name}}";

                public int PageSize { get; set; } = 20;
                public int MaxPageSize { get; set; } = 200;
                public string DefaultSort { get; set; } = "name";
                public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
                public string[] AllowedTags { get; set; } = Array.Empty<string>();
            {{properties}}
            }

            public sealed class {{u.Name}}OptionsValidator : IValidateOptions<{{u.Name}}Options>
            {
                public ValidateOptionsResult Validate(string? name, {{u.Name}}Options options)
                {
                    var failures = new List<string>();
                    if (options.PageSize <= 0)
                    {
                        failures.Add("PageSize must be positive.");
                    }

                    if (options.MaxPageSize < options.PageSize)
                    {
                        failures.Add("MaxPageSize must be at least PageSize.");
                    }

                    if (options.CacheDuration < TimeSpan.Zero)
                    {
                        failures.Add("CacheDuration must not be negative.");
                    }

                    if (options.AllowedTags.Any(string.IsNullOrWhiteSpace))
                    {
                        failures.Add("AllowedTags must not contain blanks.");
                    }

            {{checks}}        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
                }
            }

            """;
    }

    public static string Service(Unit u, Random random) => $$"""
        using System.Collections.Concurrent;
        using System.Globalization;
        using System.Text;
        using Contoso.Shop.Models;
        using Contoso.Shop.Settings;
        using Microsoft.Extensions.Options;

        namespace Contoso.Shop.Services;

        public interface I{{u.Name}}Service
        {
            Task<{{u.Name}}Dto?> GetAsync(int id, CancellationToken cancellationToken);

            Task<IReadOnlyList<{{u.Name}}Dto>> ListAsync({{u.Name}}Query query, CancellationToken cancellationToken);

            Task<{{u.Name}}Dto> CreateAsync({{u.Name}}Dto dto, CancellationToken cancellationToken);

            Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);

            IReadOnlyDictionary<string, decimal> Totals();

            IReadOnlyList<string> ParseTags(string? csv);

            string Describe(int id);
        }

        public sealed class {{u.Name}}Service : I{{u.Name}}Service
        {
            private readonly ConcurrentDictionary<int, {{u.Name}}Entity> _store = new();
            private readonly ILogger<{{u.Name}}Service> _logger;
            private readonly {{u.Name}}Options _options;
            private int _nextId;

            public {{u.Name}}Service(ILogger<{{u.Name}}Service> logger, IOptions<{{u.Name}}Options> options)
            {
                _logger = logger;
                _options = options.Value;
            }

            public Task<{{u.Name}}Dto?> GetAsync(int id, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Task.FromResult<{{u.Name}}Dto?>(_store.TryGetValue(id, out var entity) ? entity.ToDto() : null);
            }

            public Task<IReadOnlyList<{{u.Name}}Dto>> ListAsync({{u.Name}}Query query, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IEnumerable<{{u.Name}}Entity> items = _store.Values;
                if (!string.IsNullOrWhiteSpace(query.Search))
                {
                    var term = query.Search.Trim();
                    items = items.Where(e => e.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                        || e.Tags.Any(t => t.Equals(term, StringComparison.OrdinalIgnoreCase)));
                }

                if (!string.IsNullOrEmpty(query.Status))
                {
                    items = items.Where(e => string.Equals(e.Status, query.Status, StringComparison.OrdinalIgnoreCase));
                }

                items = (query.SortBy ?? _options.DefaultSort) switch
                {
                    "amount" => query.Descending ? items.OrderByDescending(e => e.Amount) : items.OrderBy(e => e.Amount),
                    "created" => query.Descending ? items.OrderByDescending(e => e.CreatedAt) : items.OrderBy(e => e.CreatedAt),
                    _ => query.Descending ? items.OrderByDescending(e => e.Name, StringComparer.Ordinal) : items.OrderBy(e => e.Name, StringComparer.Ordinal),
                };

                var pageSize = Math.Clamp(query.PageSize, 1, _options.MaxPageSize);
                var page = Math.Max(1, query.Page);
                IReadOnlyList<{{u.Name}}Dto> result = items.Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.ToDto()).ToList();
                _logger.LogDebug("Listed {Count} {{u.Name}} items (page {Page})", result.Count, page);
                return Task.FromResult(result);
            }

            public Task<{{u.Name}}Dto> CreateAsync({{u.Name}}Dto dto, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entity = dto.ToEntity();
                entity.Id = dto.Id > 0 ? dto.Id : Interlocked.Increment(ref _nextId);
                entity.CreatedAt = entity.CreatedAt == default ? DateTimeOffset.UtcNow : entity.CreatedAt;
                entity.UpdatedAt = DateTimeOffset.UtcNow;
                _store[entity.Id] = entity;
                _logger.LogInformation("Stored {{u.Name}} {Id}", entity.Id);
                return Task.FromResult(entity.ToDto());
            }

            public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var removed = _store.TryRemove(id, out _);
                if (removed)
                {
                    _logger.LogInformation("Deleted {{u.Name}} {Id}", id);
                }

                return Task.FromResult(removed);
            }

            public IReadOnlyDictionary<string, decimal> Totals() =>
                _store.Values
                    .GroupBy(e => e.Status, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount * e.Quantity), StringComparer.OrdinalIgnoreCase);

            public IReadOnlyList<string> ParseTags(string? csv)
            {
                if (string.IsNullOrWhiteSpace(csv))
                {
                    return Array.Empty<string>();
                }

                return csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(t => _options.AllowedTags.Length == 0 || _options.AllowedTags.Contains(t, StringComparer.OrdinalIgnoreCase))
                    .Select(t => t.ToLowerInvariant())
                    .Distinct()
                    .ToArray();
            }

            public string Describe(int id)
            {
                if (!_store.TryGetValue(id, out var entity))
                {
                    return $"{{u.Name}} {id} not found";
                }

                var builder = new StringBuilder();
                builder.AppendLine(CultureInfo.InvariantCulture, $"{{u.Name}} #{entity.Id}: {entity.Name}");
                builder.AppendLine(CultureInfo.InvariantCulture, $"Status: {entity.Status}, amount {entity.Amount:0.00} x {entity.Quantity}");
                if (entity.Tags.Count > 0)
                {
                    builder.AppendLine("Tags: " + string.Join(", ", entity.Tags.OrderBy(t => t, StringComparer.Ordinal)));
                }

                return builder.ToString();
            }

        {{HelperPool.Write(random, random.Next(4, 9), "internal static", extension: false, u.Name + "Entity")}}}

        """;

    public static string Controller(Unit u, Random random, Pattern pattern)
    {
        Func<int, string>[] actions =
        [
            k => $$"""
                [HttpGet("search{{k}}")]
                public async Task<IActionResult> Search{{k}}([FromQuery] string? q, CancellationToken cancellationToken)
                {
                    var agent = Request.Headers.UserAgent.ToString();
                    var isBot = agent.Contains("bot", StringComparison.OrdinalIgnoreCase);
                    var items = await _service.ListAsync(new {{u.Name}}Query(q, null, 1, isBot ? 5 : 50), cancellationToken);
                    var names = items.Select(i => i.Name).Where(n => n.Length > 0).OrderBy(n => n, StringComparer.Ordinal).ToArray();
                    _logger.LogInformation("Search {Query} returned {Count} for {Agent}", q, names.Length, agent);
                    return Ok(new { query = q, names });
                }
            """,
            k => $$"""
                [HttpGet("{id:int}/conditional{{k}}")]
                public async Task<IActionResult> Conditional{{k}}(int id, CancellationToken cancellationToken)
                {
                    var item = await _service.GetAsync(id, cancellationToken);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    var etag = $"\"{item.Id}-{item.Quantity}\"";
                    if (Request.Headers.IfNoneMatch.Any(v => string.Equals(v, etag, StringComparison.Ordinal)))
                    {
                        return StatusCode(StatusCodes.Status304NotModified);
                    }

                    Response.Headers.ETag = etag;
                    return Ok(item);
                }
            """,
            k => $$"""
                [HttpPost("batch{{k}}")]
                public async Task<IActionResult> Batch{{k}}([FromBody] List<{{u.Name}}Dto> items, CancellationToken cancellationToken)
                {
                    var correlationId = Request.Headers.TryGetValue("X-Correlation-ID", out var values) && values.Count > 0
                        ? values.ToString()
                        : HttpContext.TraceIdentifier;
                    var created = new List<{{u.Name}}Dto>(items.Count);
                    foreach (var item in items.Where(i => i.Amount >= 0))
                    {
                        created.Add(await _service.CreateAsync(item, cancellationToken));
                    }

                    _logger.LogInformation("Batch {CorrelationId}: {Created}/{Total}", correlationId, created.Count, items.Count);
                    return Ok(new { correlationId, created = created.Count });
                }
            """,
            k => $$"""
                [HttpGet("export{{k}}")]
                public async Task<IActionResult> Export{{k}}([FromQuery] string? columns, CancellationToken cancellationToken)
                {
                    var selected = (columns ?? "id,name").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var first = selected.Length > 0 ? selected[0] : "id";
                    var items = await _service.ListAsync(new {{u.Name}}Query(null, null, 1, 500, first), cancellationToken);
                    var lines = items.Select(i => i.ToCsvLine());
                    var accept = Request.Headers.Accept.ToString();
                    var contentType = accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) ? "text/plain" : "text/csv";
                    return Content(string.Join('\n', lines), contentType);
                }
            """,
            k => $$"""
                [HttpGet("stats{{k}}")]
                public IActionResult Stats{{k}}()
                {
                    var totals = _service.Totals();
                    var top = totals.OrderByDescending(kv => kv.Value).Take(3).Select(kv => $"{kv.Key}={kv.Value:0.00}");
                    var host = Request.Host.Host;
                    var local = HttpContext.Connection.LocalIpAddress?.ToString() ?? "n/a";
                    return Ok(new { host, local, top = string.Join(";", top), user = User.Identity?.Name ?? "anonymous" });
                }
            """,
            k => $$"""
                [HttpPut("{id:int}/tags{{k}}")]
                public async Task<IActionResult> Tags{{k}}(int id, CancellationToken cancellationToken)
                {
                    var raw = Request.Headers["X-Tags"].ToString();
                    var tags = _service.ParseTags(raw);
                    var item = await _service.GetAsync(id, cancellationToken);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    var updated = item with { Tags = item.Tags.Concat(tags).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() };
                    await _service.CreateAsync(updated, cancellationToken);
                    return NoContent();
                }
            """,
            k => $$"""
                [HttpGet("locale{{k}}")]
                public IActionResult Locale{{k}}()
                {
                    // The leftmost Accept-Language entry is the preferred one: a leftmost split that is correct.
                    var header = Request.Headers.AcceptLanguage.ToString();
                    var primary = header.Split(',')[0].Split(';')[0].Trim();
                    var culture = string.IsNullOrEmpty(primary) ? "en-US" : primary;
                    return Ok(new { culture, all = header.Split(',').Select(p => p.Split(';')[0].Trim()).ToArray() });
                }
            """,
            k => $$"""
                [HttpGet("{id:int}/describe{{k}}")]
                public IActionResult Describe{{k}}(int id, [FromHeader(Name = "X-Verbose")] bool verbose = false)
                {
                    var text = _service.Describe(id);
                    var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    var scheme = Request.Scheme;
                    _logger.LogDebug("Describe {Id} over {Scheme}", id, scheme);
                    return Ok(verbose ? lines : lines.Take(1).ToArray());
                }
            """,
        ];
        var extras = PickMembers(random, actions, random.Next(2, 6));
        var planted = pattern == Pattern.None ? string.Empty : $$"""

                [HttpPost("{id:int}/vote")]
                public async Task<IActionResult> Vote(int id, CancellationToken cancellationToken)
                {
                    {{PatternCode.ClientKeyStatement(pattern, "HttpContext")}}
                    var item = await _service.GetAsync(id, cancellationToken);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    _logger.LogInformation("Vote for {Id} from {Client}", id, clientKey);
                    return Ok(new { id, clientKey });
                }

            """;
        return $$"""
            using Contoso.Shop.Models;
            using Contoso.Shop.Services;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Shop.Controllers;

            [ApiController]
            [Route("api/{{u.Route}}")]
            public sealed class {{u.Name}}Controller : ControllerBase
            {
                private readonly I{{u.Name}}Service _service;
                private readonly ILogger<{{u.Name}}Controller> _logger;

                public {{u.Name}}Controller(I{{u.Name}}Service service, ILogger<{{u.Name}}Controller> logger)
                {
                    _service = service;
                    _logger = logger;
                }

                [HttpGet("{id:int}")]
                public async Task<ActionResult<{{u.Name}}Dto>> Get(int id, CancellationToken cancellationToken)
                {
                    var language = Request.Headers.AcceptLanguage.ToString();
                    _logger.LogDebug("Get {Id} in {Language}", id, language);
                    var item = await _service.GetAsync(id, cancellationToken);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    Response.Headers.ETag = $"\"{item.Id}-{item.Quantity}\"";
                    return Ok(item);
                }

                [HttpGet]
                public async Task<ActionResult<IReadOnlyList<{{u.Name}}Dto>>> List(
                    [FromQuery] string? search,
                    [FromQuery] string? status,
                    [FromQuery] int page = 1,
                    [FromQuery] int pageSize = 20,
                    CancellationToken cancellationToken = default)
                {
                    var items = await _service.ListAsync(new {{u.Name}}Query(search, status, page, pageSize), cancellationToken);
                    Response.Headers["X-Total-Count"] = items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Ok(items);
                }

                [HttpPost]
                public async Task<ActionResult<{{u.Name}}Dto>> Create([FromBody] {{u.Name}}Dto dto, CancellationToken cancellationToken)
                {
                    if (string.IsNullOrWhiteSpace(dto.Name))
                    {
                        return ValidationProblem("Name is required.");
                    }

                    var created = await _service.CreateAsync(dto, cancellationToken);
                    return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
                }

                [HttpDelete("{id:int}")]
                public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken) =>
                    await _service.DeleteAsync(id, cancellationToken) ? NoContent() : NotFound();
            {{planted}}
            {{extras}}}

            """;
    }

    public static string Endpoints(Unit u, Random random, Pattern pattern)
    {
        Func<int, string>[] routes =
        [
            k => $$"""
                    group.MapGet("/summary{{k}}", (I{{u.Name}}Service service, HttpContext context) =>
                    {
                        var agent = context.Request.Headers.UserAgent.ToString();
                        var totals = service.Totals();
                        var text = string.Join(", ", totals.Where(kv => kv.Value > 0).Select(kv => kv.Key + ": " + kv.Value.ToString("0.00", CultureInfo.InvariantCulture)));
                        return Results.Text($"{text} ({agent.Length})");
                    });
            """,
            k => $$"""
                    group.MapGet("/describe{{k}}/{id:int}", (int id, I{{u.Name}}Service service, HttpRequest request) =>
                    {
                        var verbose = request.Query.TryGetValue("verbose", out var flag) && bool.TryParse(flag, out var parsed) && parsed;
                        var description = service.Describe(id);
                        return verbose ? Results.Text(description) : Results.Text(description.Split('\n')[0]);
                    });
            """,
            k => $$"""
                    group.MapPost("/import{{k}}", async (HttpRequest request, I{{u.Name}}Service service, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    {
                        var logger = loggers.CreateLogger("{{u.Name}}Import");
                        using var reader = new StreamReader(request.Body);
                        var count = 0;
                        string? line;
                        while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
                        {
                            if (line.Length == 0 || line.StartsWith('#'))
                            {
                                continue;
                            }

                            await service.CreateAsync({{u.Name}}Mapping.FromCsvLine(line), cancellationToken);
                            count++;
                        }

                        logger.LogInformation("Imported {Count} rows ({ContentType})", count, request.Headers.ContentType.ToString());
                        return Results.Ok(new { count });
                    });
            """,
            k => $$"""
                    group.MapGet("/trace{{k}}", (HttpContext context) =>
                    {
                        var id = context.Request.Headers.TryGetValue("X-Request-ID", out var requestId) ? requestId.ToString() : context.TraceIdentifier;
                        var referer = context.Request.Headers.Referer.ToString();
                        var scheme = context.Request.IsHttps ? "https" : "http";
                        return Results.Ok(new { id, referer, scheme, port = context.Connection.LocalPort });
                    });
            """,
            k => $$"""
                    group.MapGet("/page{{k}}", async ([AsParameters] {{u.Name}}Query query, I{{u.Name}}Service service, CancellationToken cancellationToken) =>
                    {
                        var items = await service.ListAsync(query, cancellationToken);
                        var total = items.Sum(i => i.Amount * i.Quantity);
                        return Results.Ok(new { items, total, pages = (int)Math.Ceiling(items.Count / (double)Math.Max(1, query.PageSize)) });
                    });
            """,
        ];
        var extras = PickMembers(random, routes, random.Next(2, 5));
        var planted = pattern == Pattern.None ? string.Empty : $$"""

                    group.MapPost("/{id:int}/report", async (int id, HttpContext context, I{{u.Name}}Service service, CancellationToken cancellationToken) =>
                    {
                        {{PatternCode.ClientKeyStatement(pattern, "context")}}
                        var item = await service.GetAsync(id, cancellationToken);
                        return item is null ? Results.NotFound() : Results.Ok(new { item.Id, reportedBy = clientKey });
                    });

            """;
        return $$"""
            using System.Globalization;
            using Contoso.Shop.Models;
            using Contoso.Shop.Services;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Shop.Endpoints;

            public static class {{u.Name}}Endpoints
            {
                public static IEndpointRouteBuilder Map{{u.Name}}Endpoints(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/v2/{{u.Route}}");

                    group.MapGet("/", async (string? search, int? page, I{{u.Name}}Service service, CancellationToken cancellationToken) =>
                    {
                        var items = await service.ListAsync(new {{u.Name}}Query(search, null, page ?? 1), cancellationToken);
                        return Results.Ok(items);
                    });

                    group.MapGet("/{id:int}", async (int id, I{{u.Name}}Service service, CancellationToken cancellationToken) =>
                        await service.GetAsync(id, cancellationToken) is { } item ? Results.Ok(item) : Results.NotFound());

                    group.MapPost("/", async ({{u.Name}}Dto dto, I{{u.Name}}Service service, HttpContext context, CancellationToken cancellationToken) =>
                    {
                        var created = await service.CreateAsync(dto, cancellationToken);
                        context.Response.Headers.Location = $"/v2/{{u.Route}}/{created.Id}";
                        return Results.Created($"/v2/{{u.Route}}/{created.Id}", created);
                    });

                    group.MapDelete("/{id:int}", async (int id, I{{u.Name}}Service service, CancellationToken cancellationToken) =>
                        await service.DeleteAsync(id, cancellationToken) ? Results.NoContent() : Results.NotFound());
            {{planted}}
            {{extras}}
                    return app;
                }
            }

            """;
    }

    public static string Middleware(Unit u, Random random, Pattern pattern)
    {
        var planted = pattern == Pattern.None ? string.Empty : $$"""
                    {{PatternCode.ClientKeyStatement(pattern, "context")}}
                    // A decision on the value, not only a log line (the rules leave logging-only reads alone).
                    context.Items["internal-client"] = clientKey.StartsWith("10.", StringComparison.Ordinal);
                    using var clientScope = _logger.BeginScope("client {Client}", clientKey);

            """;
        Func<int, string>[] helpers =
        [
            k => $$"""
                private static bool IsStatic{{k}}(PathString path) =>
                    path.HasValue && (path.Value.EndsWith(".css", StringComparison.OrdinalIgnoreCase)
                        || path.Value.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
                        || path.Value.EndsWith(".png", StringComparison.OrdinalIgnoreCase));
            """,
            k => $$"""
                private static string Describe{{k}}(HttpRequest request)
                {
                    var contentType = request.Headers.ContentType.ToString();
                    var length = request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                    return $"{request.Method} {request.Path}{request.QueryString} ({contentType}, {length} bytes)";
                }
            """,
            k => $$"""
                private static IReadOnlyDictionary<string, string> Cookies{{k}}(HttpRequest request) =>
                    request.Cookies
                        .Where(c => !c.Key.StartsWith(".AspNetCore", StringComparison.Ordinal))
                        .ToDictionary(c => c.Key, c => c.Value.Length > 16 ? c.Value[..16] : c.Value, StringComparer.Ordinal);
            """,
            k => $$"""
                private static bool AcceptsJson{{k}}(HttpRequest request)
                {
                    foreach (var value in request.Headers.Accept)
                    {
                        if (value is not null && value.Contains("json", StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            """,
        ];
        var extras = PickMembers(random, helpers, random.Next(1, 4));
        return $$"""
            using System.Diagnostics;

            namespace Contoso.Shop.Middleware;

            public sealed class {{u.Name}}Middleware
            {
                private readonly RequestDelegate _next;
                private readonly ILogger<{{u.Name}}Middleware> _logger;

                public {{u.Name}}Middleware(RequestDelegate next, ILogger<{{u.Name}}Middleware> logger)
                {
                    _next = next;
                    _logger = logger;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    var started = Stopwatch.GetTimestamp();
            {{planted}}        var correlation = context.Request.Headers.TryGetValue("X-Correlation-ID", out var values) && values.Count > 0
                        ? values.ToString()
                        : Guid.NewGuid().ToString("N");
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers["X-Correlation-ID"] = correlation;
                        return Task.CompletedTask;
                    });

                    if (IsIgnored(context.Request.Path))
                    {
                        await _next(context);
                        return;
                    }

                    await _next(context);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    _logger.LogInformation(
                        "{Method} {Path} -> {Status} in {Elapsed} ms",
                        context.Request.Method,
                        context.Request.Path,
                        context.Response.StatusCode,
                        elapsed.TotalMilliseconds);
                }

                private static bool IsIgnored(PathString path) =>
                    path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

            {{extras}}}

            """;
    }

    public static string Hub(Unit u, Random random, Pattern pattern)
    {
        var planted = pattern == Pattern.None ? string.Empty : $$"""

                public async Task Flag(int id)
                {
                    var http = Context.GetHttpContext();
                    if (http is null)
                    {
                        return;
                    }

                    {{PatternCode.ClientKeyStatement(pattern, "http")}}
                    var item = await _service.GetAsync(id, Context.ConnectionAborted);
                    await Clients.Group("{{u.Route}}").SendAsync("flagged", item?.Id ?? id, clientKey);
                }

            """;
        Func<int, string>[] methods =
        [
            k => $$"""
                public async Task Subscribe{{k}}(string topic)
                {
                    var normalized = topic.Trim().ToLowerInvariant();
                    await Groups.AddToGroupAsync(Context.ConnectionId, "{{u.Route}}:" + normalized);
                    await Clients.Caller.SendAsync("subscribed", normalized);
                }
            """,
            k => $$"""
                public Task Broadcast{{k}}(string message) =>
                    Clients.Group("{{u.Route}}").SendAsync("message", Context.UserIdentifier ?? "anonymous", message);
            """,
            k => $$"""
                public async Task<IReadOnlyList<{{u.Name}}Dto>> Search{{k}}(string term)
                {
                    var items = await _service.ListAsync(new {{u.Name}}Query(term, null), Context.ConnectionAborted);
                    return items.Where(i => i.Quantity > 0).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
                }
            """,
            k => $$"""
                public string Agent{{k}}()
                {
                    var http = Context.GetHttpContext();
                    return http?.Request.Headers.UserAgent.ToString() ?? "unknown";
                }
            """,
        ];
        var extras = PickMembers(random, methods, random.Next(2, 5));
        return $$"""
            using Contoso.Shop.Models;
            using Contoso.Shop.Services;
            using Microsoft.AspNetCore.SignalR;

            namespace Contoso.Shop.Hubs;

            public sealed class {{u.Name}}Hub : Hub
            {
                private readonly I{{u.Name}}Service _service;
                private readonly ILogger<{{u.Name}}Hub> _logger;

                public {{u.Name}}Hub(I{{u.Name}}Service service, ILogger<{{u.Name}}Hub> logger)
                {
                    _service = service;
                    _logger = logger;
                }

                public override async Task OnConnectedAsync()
                {
                    var http = Context.GetHttpContext();
                    var agent = http?.Request.Headers.UserAgent.ToString() ?? string.Empty;
                    _logger.LogDebug("Connected {ConnectionId} ({Agent})", Context.ConnectionId, agent);
                    await Groups.AddToGroupAsync(Context.ConnectionId, "{{u.Route}}");
                    await base.OnConnectedAsync();
                }

                public override async Task OnDisconnectedAsync(Exception? exception)
                {
                    if (exception is not null)
                    {
                        _logger.LogWarning(exception, "Disconnected {ConnectionId} with an error", Context.ConnectionId);
                    }

                    await Groups.RemoveFromGroupAsync(Context.ConnectionId, "{{u.Route}}");
                    await base.OnDisconnectedAsync(exception);
                }

                public Task<{{u.Name}}Dto?> Get(int id) => _service.GetAsync(id, Context.ConnectionAborted);
            {{planted}}
            {{extras}}}

            """;
    }

    /// <summary>Service, options and validator registrations for a batch of units.</summary>
    public static string Registrations(int batch, IEnumerable<Unit> units)
    {
        var lines = units.SelectMany(u => new[]
        {
            $"        services.AddSingleton<I{u.Name}Service, {u.Name}Service>();",
            $"        services.AddOptions<{u.Name}Options>().BindConfiguration({u.Name}Options.SectionName);",
            $"        services.AddSingleton<IValidateOptions<{u.Name}Options>, {u.Name}OptionsValidator>();",
        });
        return $$"""
            using Contoso.Shop.Services;
            using Contoso.Shop.Settings;
            using Microsoft.Extensions.Options;

            namespace Contoso.Shop.Composition;

            public static class Registrations{{batch}}
            {
                public static IServiceCollection AddShopBatch{{batch}}(this IServiceCollection services)
                {
            {{string.Join("\n", lines)}}
                    return services;
                }
            }

            """;
    }

    /// <summary>The middleware and endpoint wiring of every unit.</summary>
    public static string Pipeline(IReadOnlyList<Unit> units)
    {
        var middleware = units.Where(u => u.HasMiddleware).Select(u => $"        app.UseMiddleware<{u.Name}Middleware>();");
        var endpoints = units.Where(u => u.HasEndpoints).Select(u => $"        app.Map{u.Name}Endpoints();")
            .Concat(units.Where(u => u.HasHub).Select(u => $"        app.MapHub<{u.Name}Hub>(\"/hubs/{u.Route}\");"));
        return $$"""
            using Contoso.Shop.Endpoints;
            using Contoso.Shop.Hubs;
            using Contoso.Shop.Middleware;

            namespace Contoso.Shop.Composition;

            public static class Pipeline
            {
                public static WebApplication UseShopMiddleware(this WebApplication app)
                {
            {{string.Join("\n", middleware)}}
                    return app;
                }

                public static WebApplication MapShopEndpoints(this WebApplication app)
                {
            {{string.Join("\n", endpoints)}}
                    return app;
                }
            }

            """;
    }

    /// <summary>The entry point: forwarded headers configured correctly (trusted proxy listed, middleware first).</summary>
    public static string Program(int batches)
    {
        var adds = string.Join("\n", Enumerable.Range(0, batches).Select(b => $"builder.Services.AddShopBatch{b}();"));
        return $$"""
            using System.Net;
            using Contoso.Shop.Composition;
            using Microsoft.AspNetCore.HttpOverrides;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.KnownProxies.Add(IPAddress.Parse("10.0.0.10"));
            });
            builder.Services.AddControllers();
            builder.Services.AddSignalR();
            {{adds}}

            var app = builder.Build();
            app.UseForwardedHeaders();
            app.UseShopMiddleware();
            app.MapControllers();
            app.MapShopEndpoints();
            app.Run();

            """;
    }

    /// <summary>A forwarded-headers configuration that trusts every proxy (CIP0004).</summary>
    public static string TrustAllProxies(int k) => $$"""
        using Microsoft.AspNetCore.HttpOverrides;

        namespace Contoso.Shop.Composition;

        public static class ForwardingSetup{{k}}
        {
            public static IServiceCollection AddForwarding{{k}}(this IServiceCollection services)
            {
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    options.KnownProxies.Clear();
                    options.KnownIPNetworks.Clear();
                });
                return services;
            }
        }

        """;

    /// <summary>A pipeline that registers the forwarded-headers middleware after others (CIP0005).</summary>
    public static string LateForwardedHeaders(int k) => $$"""
        namespace Contoso.Shop.Composition;

        public static class PipelineSetup{{k}}
        {
            public static WebApplication UsePipeline{{k}}(this WebApplication app)
            {
                app.UseRouting();
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseForwardedHeaders();
                return app;
            }
        }

        """;

    private static string PickMembers(Random random, Func<int, string>[] templates, int count) =>
        string.Join("\n", templates.OrderBy(_ => random.Next()).Take(count)
            .Select(t => t(random.Next(1, 100)).TrimEnd() + "\n"));
}
