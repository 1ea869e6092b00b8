using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>
/// Issue #14 item 3: provider ranges from a file (watched) or a URL (refreshed, last good list cached on disk). The URL is
/// served by a local HttpListener on 127.0.0.1; nothing is fetched from anywhere else.
/// </summary>
public sealed class TrustedProxySourceTests : IDisposable
{
    private const string CdnEdge = "203.0.113.5"; // in the provider's list below
    private readonly string _directory = Directory.CreateTempSubdirectory("clientip-sources-").FullName;

    [Fact]
    public async Task AUrlListIsTrustedCachedRefreshedAndGarbageIsNeverApplied()
    {
        using var server = new ListServer("203.0.113.0/24\n2001:db8::/32\n");
        var cache = Path.Combine(_directory, "cdn.txt");
        var (app, logs) = await StartAsync(o => { o.TrustedProxiesUrl = server.Url; o.TrustedProxiesCacheFile = cache; });
        await using var _ = app;

        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, CdnEdge));
        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, "127.0.0.1")); // the configured defaults stay
        Assert.Contains("203.0.113.0/24", File.ReadAllText(cache));

        // A refresh with a new list applies it.
        server.Body = "192.0.2.0/24";
        await Sources(app).RefreshAsync();
        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, "192.0.2.9"));
        Assert.Equal($"{CdnEdge} UntrustedPeerSentHeaders", await SendAsync(app, CdnEdge));

        // Garbage, an empty list, a list covering everything, an error status: rejected, logged, the last good list stays.
        foreach (var (body, status, reason) in new[]
        {
            ("<html>Service unavailable</html>", 200, "is not a valid proxy address"),
            ("", 200, "it has no entries"),
            ("0.0.0.0/1\n128.0.0.0/1", 200, "together cover every IPv4 address"),
            ("192.0.2.0/24", 503, "503"),
        })
        {
            server.Body = body;
            server.Status = status;
            await Sources(app).RefreshAsync();
            Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, "192.0.2.9"));
            Assert.Contains(logs.Entries, e => e.Id.Name == "TrustedProxiesRejected" && e.Level == LogLevel.Error && e.Message.Contains(reason, StringComparison.Ordinal));
        }

        Assert.Contains("192.0.2.0/24", File.ReadAllText(cache));
        Assert.DoesNotContain("html", File.ReadAllText(cache));
    }

    [Fact]
    public async Task TheTimerRefreshesOnTheOperatorsInterval()
    {
        using var server = new ListServer("203.0.113.0/24");
        var (app, _) = await StartAsync(o =>
        {
            o.TrustedProxiesUrl = server.Url;
            o.TrustedProxiesCacheFile = Path.Combine(_directory, "timer.txt");
            o.TrustedProxiesRefreshInterval = TimeSpan.FromSeconds(1);
        });
        await using var _ = app;

        server.Body = "192.0.2.0/24";

        await Eventually(async () => await SendAsync(app, "192.0.2.9") == "198.51.100.7 ForwardedHeader");
    }

    [Fact]
    public async Task AnUnreachableUrlAtStartupUsesTheCachedList()
    {
        var cache = Path.Combine(_directory, "cached.txt");
        File.WriteAllText(cache, "# fetched earlier\n203.0.113.0/24\n");
        var (app, logs) = await StartAsync(o => { o.TrustedProxiesUrl = ListServer.NothingListening(); o.TrustedProxiesCacheFile = cache; });
        await using var _ = app;

        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, CdnEdge));
        Assert.Contains(logs.Entries, e => e.Id.Name == "TrustedProxiesFromCache" && e.Message.Contains(cache, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreachableUrlWithoutACacheTrustsOnlyTheConfiguredProxies()
    {
        var (app, logs) = await StartAsync(o => { o.TrustedProxiesUrl = ListServer.NothingListening(); o.TrustedProxiesCacheFile = Path.Combine(_directory, "none.txt"); });
        await using var _ = app;

        Assert.Equal($"{CdnEdge} UntrustedPeerSentHeaders", await SendAsync(app, CdnEdge));
        Assert.Contains(logs.Entries, e => e.Id.Name == "TrustedProxiesUnavailable" && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task AWatchedFileIsFollowedAndABadChangeIsRefused()
    {
        var file = Path.Combine(_directory, "proxies.txt");
        File.WriteAllText(file, "203.0.113.0/24 # the CDN\n");
        var (app, logs) = await StartAsync(o => o.TrustedProxiesFile = file);
        await using var _ = app;
        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, CdnEdge));

        Replace(file, "192.0.2.0/24\n");
        await Eventually(async () => await SendAsync(app, "192.0.2.9") == "198.51.100.7 ForwardedHeader");

        Replace(file, "192.0.2.0/24\n10.0.0.1/8\n");
        await Eventually(() => Task.FromResult(logs.Entries.Any(e => e.Id.Name == "TrustedProxiesRejected")));
        Assert.Contains(logs.Entries, e => e.Message.Contains("\"10.0.0.1/8\"", StringComparison.Ordinal) && e.Message.Contains("did you mean 10.0.0.0/8", StringComparison.Ordinal));
        Assert.Equal("198.51.100.7 ForwardedHeader", await SendAsync(app, "192.0.2.9"));
    }

    [Fact]
    public async Task AnInvalidFileAtStartupStopsTheApplication()
    {
        var file = Path.Combine(_directory, "bad.txt");
        File.WriteAllText(file, "203.0.113.0/24\nnot-an-address\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(o => o.TrustedProxiesFile = file));

        Assert.Contains($"ClientIp:TrustedProxiesFile \"{file}\" is not a valid list of proxies", error.Message);
        Assert.Contains("\"not-an-address\"", error.Message);
    }

    [Theory]
    [InlineData("""{ "CLOUDFRONT_GLOBAL_IP_LIST": ["120.52.22.96/27", "205.251.249.0/24"], "CLOUDFRONT_REGIONAL_EDGE_IP_LIST": ["13.113.196.64/26"] }""", 3)]
    [InlineData("""{ "addresses": ["23.235.32.0/20"], "ipv6_addresses": ["2a04:4e40::/32"] }""", 2)]
    [InlineData("""{ "result": { "ipv4_cidrs": ["173.245.48.0/20"], "ipv6_cidrs": ["2400:cb00::/32"], "etag": "38f79d050aa027e3be3865e495dcc9bc" }, "success": true, "errors": [] }""", 2)]
    [InlineData("173.245.48.0/20\r\n103.21.244.0/22\r\n", 2)]
    [InlineData("# comment only line\n10.0.0.0/8, 192.168.0.0/16\n\n", 2)]
    public void ParsesPublishedFormats(string text, int count) => Assert.Equal(count, TrustedProxyList.Parse(text, out _)!.Count);

    [Theory]
    [InlineData("""{ "prefixes": [ { "ip_prefix": "3.5.140.1/22", "service": "AMAZON" } ] }""", "did you mean 3.5.140.0/22")]
    [InlineData("""{ "etag": "38f79d050aa027e3be3865e495dcc9bc", "success": true }""", "no entries")]
    [InlineData("""{ "broken": """, "not valid JSON")]
    [InlineData("   \n# nothing\n", "no entries")]
    public void RejectsLists(string text, string reason)
    {
        Assert.Null(TrustedProxyList.Parse(text, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void ValidatesTheSourceOptions()
    {
        var errors = ClientIpResolver.Validate(new ClientIpOptions
        {
            TrustedProxiesUrl = "ftp://example.com/list",
            TrustedProxiesRefreshInterval = TimeSpan.Zero,
        });

        Assert.Contains(errors, e => e.Contains("ClientIp:TrustedProxiesUrl \"ftp://example.com/list\" is not an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ClientIp:TrustedProxiesRefreshInterval", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TrustedProxySources Sources(WebApplication app) => app.Services.GetRequiredService<ClientIpServices>().Sources!;

    private static void Replace(string file, string text)
    {
        File.WriteAllText(file + ".tmp", text);
        File.Move(file + ".tmp", file, overwrite: true);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "not picked up within 15 s");
            await Task.Delay(100);
        }
    }

    private static async Task<(WebApplication App, CapturingLoggerProvider Logs)> StartAsync(Action<ClientIpOptions> configure)
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddClientIp(configure);
        var app = builder.Build();
        app.UseClientIp();
        app.Run(context => context.Response.WriteAsync($"{context.GetClientIpAddress()} {context.GetClientIpResult().Status}"));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return (app, logs);
    }

    private static async Task<string> SendAsync(WebApplication app, string peer)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    /// <summary>Serves one list on 127.0.0.1, with a body and status the test changes.</summary>
    private sealed class ListServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        public ListServer(string body)
        {
            Body = body;
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/ips";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public volatile string Body;

        public volatile int Status = 200;

        /// <summary>A URL on 127.0.0.1 where nothing listens.</summary>
        public static string NothingListening() => $"http://127.0.0.1:{FreePort()}/ips";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                var bytes = Encoding.UTF8.GetBytes(Body);
                context.Response.StatusCode = Status;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
