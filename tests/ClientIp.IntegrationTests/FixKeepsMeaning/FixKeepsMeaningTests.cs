using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;
using ClientIp.IntegrationTests.Package;
using ClientIp.IntegrationTests.ProxyChain;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.FixKeepsMeaning;

/// <summary>
/// The fix keeps what the code meant, end to end: an app behind nginx on the same host reads the X-Real-IP header
/// nginx sets (<c>proxy_set_header X-Real-IP $remote_addr</c>, in ProxyChain/nginx.conf); after
/// <c>dotnet format analyzers</c> it calls the resolver, which the same fix configured to read X-Real-IP, so through
/// nginx it answers the same client as before, and a client that sends X-Real-IP straight to the app no longer
/// chooses the answer. The client sends from 127.0.0.9 to nginx (127.0.0.3), which connects to the app (127.0.0.4):
/// a loopback peer, trusted by the resolver's defaults.
/// </summary>
public sealed class FixKeepsMeaningTests(PackedFeed feed, ProxyChainFixture proxies, ITestOutputHelper log)
    : IClassFixture<PackedFeed>, IClassFixture<ProxyChainFixture>
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.9");
    private const string Forged = "203.0.113.66";

    /// <summary>What the client writes itself. nginx replaces X-Real-IP and appends to X-Forwarded-For, so through nginx
    /// a resolver still reading X-Forwarded-For (the default) would walk past the trusted loopback entry to the forgery.</summary>
    private static readonly (string Header, string Value)[] ForgedBoth = [("X-Real-IP", Forged), ("X-Forwarded-For", "198.51.100.77")];

    private static readonly (string Header, string Value)[] ForgedRealIp = [("X-Real-IP", Forged)];
    private static readonly string[] AllRules = ["CIP0001", "CIP0002", "CIP0003", "CIP0004", "CIP0005"];

    [SkippableFact]
    public async Task An_app_reading_nginxs_X_Real_IP_answers_the_same_client_after_dotnet_format_and_ignores_a_forged_one()
    {
        var chain = proxies.RunningChain();
        using var consumer = new ConsumerProject(feed, Path.Combine("FixKeepsMeaning", "XRealIpApp"));

        // Before: through nginx the app answers the client; straight to the app, whatever the client wrote.
        var build = await Logged(consumer.BuildAsync());
        Assert.True(build.Succeeded, build.ToString());
        await using (var before = await StartAsync(consumer, chain))
        {
            Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, before, chain));
            Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, ForgedBoth, before, chain));
            Assert.Equal(Forged, await AskAsync(chain.AppEndPoint, ForgedRealIp, before, chain));
        }

        var format = await Logged(consumer.RunDotNetAsync(["format", "analyzers", "--diagnostics", .. AllRules, "--severity", "warn", "--verbosity", "diagnostic"]));
        Assert.True(format.Succeeded, format.ToString());
        var program = consumer.Sources()["Program.cs"];
        Assert.Contains(
            "builder.Services.AddClientIp(builder.Configuration.GetSection(\"ClientIp\"), options => options.ForwardedHeader = \"X-Real-IP\");",
            program, StringComparison.Ordinal);
        Assert.Contains("ctx.GetClientIpAddress()", program, StringComparison.Ordinal);
        Assert.DoesNotContain("Headers[", program, StringComparison.Ordinal);

        var rebuilt = await Logged(consumer.BuildWithWarningsAsErrorsAsync());
        Assert.True(rebuilt.Succeeded, $"The rewritten app must build under -warnaserror.\n{rebuilt}\n{program}");

        // After, with the resolver's defaults (loopback proxies trusted): the same client through nginx.
        await using (var defaults = await StartAsync(consumer, chain))
        {
            Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, defaults, chain));
            Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, ForgedBoth, defaults, chain));
        }

        // Every party of this test is on a loopback address, so to stand for a client on another host, 127.0.0.9 must
        // not be trusted: the proxy is named in appsettings.json, as a deployment would (the fix binds the "ClientIp"
        // section). Then a forged X-Real-IP sent straight to the app is not the answer either.
        consumer.WriteFile("appsettings.json", """{ "ClientIp": { "TrustedProxies": [ "127.0.0.3" ] } }""");
        await using var configured = await StartAsync(consumer, chain);
        Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, configured, chain));
        Assert.Equal(Client.ToString(), await AskAsync(chain.NginxEndPoint, ForgedBoth, configured, chain));
        Assert.Equal(Client.ToString(), await AskAsync(chain.AppEndPoint, ForgedRealIp, configured, chain));
    }

    private static async Task<ChildProcess> StartAsync(ConsumerProject consumer, ProxyChain.ProxyChain chain)
    {
        var app = DotNet.Start(consumer.Directory, Path.Combine("bin", "Debug", "net10.0", "XRealIpApp.dll"), "--urls", $"http://{chain.AppEndPoint}");
        var ready = await Loopback.WaitUntilListeningAsync(chain.AppEndPoint, TimeSpan.FromSeconds(60), () => app.HasExited);
        Assert.True(ready, $"The app did not listen on {chain.AppEndPoint} within 60 s.\n{app.Command}\n{app.Output}");
        return app;
    }

    /// <summary>GET /whoami from 127.0.0.9 to <paramref name="target"/>, with the headers the client forges.</summary>
    private async Task<string> AskAsync(IPEndPoint target, ChildProcess app, ProxyChain.ProxyChain chain) =>
        await AskAsync(target, [], app, chain);

    private async Task<string> AskAsync(IPEndPoint target, (string Header, string Value)[] forged, ChildProcess app, ProxyChain.ProxyChain chain)
    {
        using var http = Loopback.ClientBoundTo(Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{target}/whoami");
        foreach (var (header, value) in forged)
        {
            request.Headers.Add(header, value);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{target} answered {(int)response.StatusCode}: {body}\n{app.Output}\n{chain.Logs()}");
        log.WriteLine($"via {target}, forging [{string.Join("; ", forged.Select(h => $"{h.Header}: {h.Value}"))}]: {body}");
        return body;
    }

    private async Task<ProcessResult> Logged(Task<ProcessResult> running)
    {
        var result = await running;
        log.WriteLine($"$ {result.Command}  -> exit {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }
}
