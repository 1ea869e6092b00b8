using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.Package;

/// <summary>
/// The packed ClientIp.Analyzers package in a fresh consumer project (ConsumerApp/), as a user meets it: the build
/// fails under -warnaserror at each mistake, the user's .editorconfig wins over the package's defaults, and
/// `dotnet format` rewrites the mistakes into calls of the resolver that answer with the right client.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageInConsumerBuildTests(PackedFeed feed, ITestOutputHelper log)
{
    private static readonly string[] ClassicMistakes = ["CIP0001", "CIP0002", "CIP0003"];

    [Fact]
    public async Task Build_with_warnings_as_errors_fails_and_names_each_mistake_at_its_file_and_line()
    {
        using var consumer = new ConsumerProject(feed);
        var expected = consumer.ExpectedDiagnostics();
        Assert.Equal(ClassicMistakes, expected.Select(d => d.Id).Order());

        var build = await log.Logged(consumer.BuildWithWarningsAsErrorsAsync());

        Assert.False(build.Succeeded, $"The build must fail under -warnaserror.\n{build}");
        ConsumerAssert.Reported(expected, consumer.ReportedDiagnostics(build), build);
        Assert.True(
            Directory.Exists(consumer.RestoredPackageDirectory(feed.Version)),
            $"The package must come from the consumer's own packages folder.\n{build}");
    }

    [Fact]
    public async Task Editorconfig_severity_none_silences_that_rule_alone()
    {
        using var consumer = new ConsumerProject(feed);
        consumer.WriteFile(".editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.CIP0002.severity = none
            """);

        var build = await log.Logged(consumer.BuildWithWarningsAsErrorsAsync());

        Assert.False(build.Succeeded, $"CIP0001 and CIP0003 must still fail the build.\n{build}");
        var expected = consumer.ExpectedDiagnostics().Where(d => d.Id != "CIP0002").ToList();
        Assert.Equal(["CIP0001", "CIP0003"], expected.Select(d => d.Id).Order());
        ConsumerAssert.Reported(expected, consumer.ReportedDiagnostics(build), build);
    }

    [Fact]
    public async Task SuppressMessage_with_a_justification_silences_that_member_only()
    {
        // The form the README and the rule pages recommend.
        using var consumer = new ConsumerProject(feed);
        consumer.WriteFile("EdgeClient.cs", """
            using System.Diagnostics.CodeAnalysis;

            public static class EdgeClient
            {
                [SuppressMessage("Security", "CIP0002:Client-IP header read without a trusted-proxy check",
                    Justification = "Only reachable through Cloudflare: the firewall drops every other source")]
                public static string Suppressed(HttpContext ctx) => ctx.Request.Headers["CF-Connecting-IP"].ToString();

                public static string NotSuppressed(HttpContext ctx) => ctx.Request.Headers["CF-Connecting-IP"].ToString(); // expect: CIP0002
            }
            """);

        var build = await log.Logged(consumer.BuildWithWarningsAsErrorsAsync());

        Assert.False(build.Succeeded, $"The unsuppressed mistakes must still fail the build.\n{build}");
        var expected = consumer.ExpectedDiagnostics();
        Assert.Contains(new DiagnosticAt("EdgeClient.cs", 9, "CIP0002"), expected);
        ConsumerAssert.Reported(expected, consumer.ReportedDiagnostics(build), build);
    }

    [Theory]
    [InlineData(".globalconfig", false)] // found by the SDK next to the project; global_level 100 by default
    [InlineData("team.globalconfig", true)] // listed in the project; global_level 0 by default
    public async Task A_users_global_config_wins_over_the_package_defaults(string fileName, bool listInProject)
    {
        // The package's defaults have global_level -1, below both. At an equal level the two settings would conflict,
        // both be dropped, and CIP0003 would still be reported.
        using var consumer = new ConsumerProject(feed);
        consumer.WriteFile(fileName, """
            is_global = true
            dotnet_diagnostic.CIP0003.severity = none
            """);
        if (listInProject)
        {
            consumer.AddToProjectFile($"""<ItemGroup><GlobalAnalyzerConfigFiles Include="{fileName}" /></ItemGroup>""");
        }

        var build = await log.Logged(consumer.BuildWithWarningsAsErrorsAsync());

        Assert.False(build.Succeeded, $"CIP0001 and CIP0002 must still fail the build.\n{build}");
        var expected = consumer.ExpectedDiagnostics().Where(d => d.Id != "CIP0003").ToList();
        Assert.Equal(["CIP0001", "CIP0002"], expected.Select(d => d.Id).Order());
        ConsumerAssert.Reported(expected, consumer.ReportedDiagnostics(build), build);
    }

    [Fact]
    public async Task Dotnet_format_rewrites_the_mistakes_and_the_fixed_app_answers_with_the_resolved_client()
    {
        using var consumer = new ConsumerProject(feed);
        var mistakes = consumer.ExpectedDiagnostics();

        var format = await log.Logged(consumer.FormatAsync());
        Assert.True(format.Succeeded, format.ToString());

        // Each marked line now calls the resolver; the unsafe reads are gone from the code.
        var sources = consumer.Sources();
        var fixedLines = consumer.ExpectedDiagnostics();
        Assert.Equal(mistakes.Count, fixedLines.Count);
        foreach (var line in fixedLines)
        {
            var code = CodeOf(sources[line.File].Split('\n')[line.Line - 1]);
            Assert.True(code.Contains("GetClientIpAddress()", StringComparison.Ordinal), $"{line} was not rewritten:\n{code}\n{format}");
            Assert.DoesNotContain("RemoteIpAddress", code, StringComparison.Ordinal);
            Assert.DoesNotContain("Headers[", code, StringComparison.Ordinal);
        }

        // /whoami trusted X-Real-IP: the same fix told the resolver to keep reading it from trusted proxies.
        Assert.Contains("ForwardedHeader = \"X-Real-IP\"", sources["Program.cs"], StringComparison.Ordinal);

        var build = await log.Logged(consumer.BuildWithWarningsAsErrorsAsync());
        Assert.True(build.Succeeded, $"The rewritten code must build under -warnaserror.\n{build}\n{string.Join("\n", sources.Values)}");
        Assert.Empty(consumer.ReportedDiagnostics(build));

        await AssertAppAnswersWithResolvedClientAsync(consumer);
    }

    /// <summary>
    /// Runs the fixed app on a free port. The resolver trusts loopback peers by default and, as the fix configured,
    /// reads X-Real-IP: a request from 127.0.0.1 carrying X-Real-IP is answered with that address on every endpoint,
    /// never with the X-Forwarded-For entry sent beside it; without X-Real-IP the answer is the peer itself.
    /// </summary>
    private async Task AssertAppAnswersWithResolvedClientAsync(ConsumerProject consumer)
    {
        var port = Loopback.FreePort(IPAddress.Loopback);
        await using var app = consumer.Run($"http://127.0.0.1:{port}");
        using var client = Loopback.ClientBoundTo(IPAddress.Loopback);
        client.BaseAddress = new Uri($"http://127.0.0.1:{port}");

        var ready = await Loopback.WaitUntilListeningAsync(
            new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(60), () => app.HasExited);
        Assert.True(ready, $"The consumer app did not listen within 60 s.\n{app.Command}\n{app.Output}");

        foreach (var path in new[] { "/download/42", "/whoami", "/limited" })
        {
            using var forwarded = new HttpRequestMessage(HttpMethod.Get, path);
            forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
            forwarded.Headers.Add("X-Real-IP", "198.51.100.66");
            Assert.Equal("198.51.100.66", await AnswerAsync(client, forwarded, app));

            using var forwardedForOnly = new HttpRequestMessage(HttpMethod.Get, path);
            forwardedForOnly.Headers.Add("X-Forwarded-For", "203.0.113.7");
            Assert.Equal("127.0.0.1", await AnswerAsync(client, forwardedForOnly, app));

            using var direct = new HttpRequestMessage(HttpMethod.Get, path);
            Assert.Equal("127.0.0.1", await AnswerAsync(client, direct, app));
        }
    }

    private static async Task<string> AnswerAsync(HttpClient client, HttpRequestMessage request, ChildProcess app)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri} answered {(int)response.StatusCode}: {body}\n{app.Output}");
        return body;
    }

    /// <summary>A source line without its trailing comment.</summary>
    private static string CodeOf(string line) =>
        line.IndexOf("//", StringComparison.Ordinal) is var comment and >= 0 ? line[..comment] : line;
}
