using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;
using ClientIp.IntegrationTests.Package;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.Editors;

/// <summary>
/// The squiggles, seen by a real editor client: csharp-ls (the language server behind Neovim's, Emacs' and Helix's C#
/// support; a dotnet tool pinned in .config/dotnet-tools.json) opens a consumer of the packed package and must publish
/// CIP0001-CIP0005 at exactly the spans the consumer's markers wrap, each with its help link.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class CSharpLsTests(PackedFeed feed, ITestOutputHelper log)
{
    // The editor setting the README tells csharp-ls users to turn on; analyzers are off in csharp-ls by default.
    private static readonly JsonObject EditorSettings = new() { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } };

    // Loading the project and running the analyzers takes about 20 s on an idle machine.
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Csharp_ls_publishes_every_rule_at_the_marked_span_with_its_help_link()
    {
        Prerequisite.Require(await MissingCsharpLsAsync());

        using var consumer = new ConsumerProject(feed, "AllRulesApp");
        var expected = consumer.ExpectedSpans();
        Assert.Equal(["CIP0001", "CIP0002", "CIP0003", "CIP0004", "CIP0005"], expected.Select(d => d.Id).Order());

        // An editor opens a restored project: the language server reads the assets file, it does not restore.
        var restore = await log.Logged(consumer.RunDotNetAsync("restore"));
        Assert.True(restore.Succeeded, restore.ToString());

        await using var server = LanguageServer.Start(
            DotNet.Executable,
            ["tool", "run", "csharp-ls"],
            DotNet.RepositoryRoot, // where the tool manifest is; the workspace is the consumer folder given below
            DotNet.CommandEnvironment(null),
            EditorSettings);
        var root = new Uri(consumer.Directory + Path.DirectorySeparatorChar).AbsoluteUri;
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "consumer" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject() },
            },
            ["initializationOptions"] = EditorSettings.DeepClone(),
        }, TimeSpan.FromMinutes(1));
        await server.NotifyAsync("initialized", new JsonObject());
        await server.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = EditorSettings.DeepClone() });

        foreach (var file in expected.Select(d => d.File).Distinct())
        {
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject
                {
                    ["uri"] = new Uri(consumer.PathOf(file)).AbsoluteUri,
                    ["languageId"] = "csharp",
                    ["version"] = 1,
                    ["text"] = File.ReadAllText(consumer.PathOf(file)),
                },
            });
        }

        foreach (var file in expected.GroupBy(d => d.File))
        {
            var ids = file.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var published = await server.WaitForDiagnosticsAsync(
                consumer.PathOf(file.Key),
                diagnostics => ids.IsSubsetOf(CipDiagnostics(diagnostics).Select(d => (string)d["code"]!)),
                AnalysisTimeout);

            var actual = CipDiagnostics(published)
                .Select(d => new DiagnosticSpan(file.Key, PositionOf(d["range"]!["start"]!), PositionOf(d["range"]!["end"]!), (string)d["code"]!))
                .OrderBy(d => d.Start.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            Assert.True(
                file.SequenceEqual(actual),
                $"Expected exactly:\n  {string.Join("\n  ", file)}\nPublished:\n  {string.Join("\n  ", actual)}\n{server.Describe()}");

            foreach (var diagnostic in CipDiagnostics(published))
            {
                Assert.Equal(Published.RuleHelpLink((string)diagnostic["code"]!), (string?)diagnostic["codeDescription"]?["href"]);
            }
        }

        await server.ShutdownAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Why csharp-ls cannot be run from the repository's tool manifest, or null when it can.</summary>
    private async Task<string?> MissingCsharpLsAsync()
    {
        var version = await log.Logged(DotNet.RunAsync(DotNet.RepositoryRoot, TimeSpan.FromMinutes(2), null, "tool", "run", "csharp-ls", "--version"));
        return version.Succeeded
            ? null
            : $"csharp-ls (.config/dotnet-tools.json) is not installed: run `dotnet tool restore` in the repository root.\n{version}";
    }

    private static IEnumerable<JsonNode> CipDiagnostics(JsonArray diagnostics) =>
        diagnostics.OfType<JsonNode>().Where(d => ((string?)d["code"])?.StartsWith("CIP", StringComparison.Ordinal) == true);

    private static Position PositionOf(JsonNode position) => new((int)position["line"]!, (int)position["character"]!);
}
