using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>
/// The article's chain with the real programs:
/// client 127.0.0.9 → HAProxy 127.0.0.2 → nginx 127.0.0.3 → app 127.0.0.4 (UseClientIp, both proxies trusted).
/// Whatever forwarding headers the client forges, the app must answer 127.0.0.9.
/// </summary>
public sealed class TwoProxyChainTests(ProxyChainFixture fixture, ITestOutputHelper log) : IClassFixture<ProxyChainFixture>
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.9");

    /// <summary>What the client sends on its own, by case name; none of these values may become the answer.</summary>
    private static readonly Dictionary<string, (string Header, string Value)[]> Forgeries = new()
    {
        ["nothing forged"] = [],
        ["X-Forwarded-For"] = [("X-Forwarded-For", "203.0.113.66")],
        ["X-Forwarded-For with several entries"] = [("X-Forwarded-For", "203.0.113.66, 198.51.100.77")],
        ["X-Forwarded-For naming the trusted proxies"] = [("X-Forwarded-For", "127.0.0.3, 127.0.0.2")],
        ["X-Forwarded-For with junk"] = [("X-Forwarded-For", "unknown, _hidden, 010.0.0.1, 1")],
        ["X-Real-IP"] = [("X-Real-IP", "203.0.113.66")],
        ["Forwarded"] = [("Forwarded", "for=203.0.113.66;proto=https, for=\"[2001:db8::66]:443\"")],
        ["all at once"] =
        [
            ("X-Forwarded-For", "203.0.113.66"),
            ("X-Real-IP", "198.51.100.77"),
            ("Forwarded", "for=192.0.2.88"),
        ],
    };

    public static TheoryData<string> ForgeryCases => new(Forgeries.Keys);

    [SkippableTheory]
    [MemberData(nameof(ForgeryCases))]
    public async Task Through_both_proxies_the_answer_is_the_client(string forgery)
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.json");

        var (answer, context) = await AskAsync(chain, chain.Entry, forgery, app);

        Assert.True(answer.Client == "127.0.0.9", $"GetClientIpAddress() answered {answer.Client}.\n{context}");
        Assert.True(answer.RemoteIpAddress == "127.0.0.9", $"UseClientIp() set RemoteIpAddress to {answer.RemoteIpAddress}.\n{context}");
        // The hops as the article draws them: nginx connected from 127.0.0.3, HAProxy appended the client and nginx
        // appended HAProxy, and nginx replaced any X-Real-IP the client sent with its own peer, HAProxy.
        Assert.True(answer.Peer == "127.0.0.3", $"The app's peer was {answer.Peer}, not nginx.\n{context}");
        string[] forwardedFor = [.. Forgeries[forgery].Where(h => h.Header == "X-Forwarded-For").Select(h => h.Value), "127.0.0.9", "127.0.0.2"];
        Assert.True(answer.XForwardedFor == string.Join(", ", forwardedFor), context);
        Assert.True(answer.XRealIp == "127.0.0.2", context);
    }

    [SkippableTheory]
    [MemberData(nameof(ForgeryCases))]
    public async Task Directly_to_the_app_the_answer_is_the_client(string forgery)
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.json");

        var (answer, context) = await AskAsync(chain, chain.AppEndPoint, forgery, app);

        Assert.True(answer.Peer == "127.0.0.9", context);
        Assert.True(answer.Client == "127.0.0.9", $"GetClientIpAddress() answered {answer.Client}.\n{context}");
        Assert.True(answer.RemoteIpAddress == "127.0.0.9", $"UseClientIp() set RemoteIpAddress to {answer.RemoteIpAddress}.\n{context}");
    }

    [SkippableTheory]
    [MemberData(nameof(ForgeryCases))]
    public async Task With_HAProxy_not_trusted_the_answer_is_HAProxy(string forgery)
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.haproxy-untrusted.json");

        var (answer, context) = await AskAsync(chain, chain.Entry, forgery, app);

        Assert.True(answer.Client == "127.0.0.2", $"GetClientIpAddress() answered {answer.Client}.\n{context}");
        Assert.True(answer.RemoteIpAddress == "127.0.0.2", $"UseClientIp() set RemoteIpAddress to {answer.RemoteIpAddress}.\n{context}");
    }

    /// <summary>
    /// Sends GET /whoami from 127.0.0.9 to <paramref name="target"/> with the forged headers, and returns the answer
    /// with everything needed to understand a failure: the answer, the proxies' logs and the app's log.
    /// </summary>
    private async Task<(WhoAmIAnswer Answer, string Context)> AskAsync(ProxyChain chain, IPEndPoint target, string forgery, WhoAmIApp app)
    {
        using var http = Loopback.ClientBoundTo(Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{target}/whoami");
        foreach (var (header, value) in Forgeries[forgery])
        {
            Assert.True(request.Headers.TryAddWithoutValidation(header, value));
        }

        string Context(object? answer) =>
            $"Request to {target} forging {forgery}: {string.Join("; ", Forgeries[forgery].Select(h => $"{h.Header}: {h.Value}"))}\n" +
            $"Answer: {answer}\n--- app log:\n{app.Log}\n{chain.Logs()}";

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail(Context($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"));
        }

        var answer = await response.Content.ReadFromJsonAsync<WhoAmIAnswer>()
                     ?? throw new InvalidOperationException(Context("(empty)"));
        log.WriteLine($"{forgery} via {target}: {answer}");
        return (answer, Context(answer));
    }
}
