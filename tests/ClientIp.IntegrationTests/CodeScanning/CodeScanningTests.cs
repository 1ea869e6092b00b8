using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Package;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.CodeScanning;

/// <summary>
/// What a CI pipeline gets from the package, on a consumer with one mistake per rule (AllRulesApp/): the SARIF 2.1 log
/// that GitHub code scanning ingests, and the `dotnet format analyzers --verify-no-changes` gate the README shows.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class CodeScanningTests(PackedFeed feed, ITestOutputHelper log)
{
    // Every rule is about CWE-348 (use of a less trusted source); CIP0001-CIP0004 also decide who the client is
    // (CWE-290, authentication bypass by spoofing). Code scanning reads the "external/cwe/cwe-NNN" form.
    private static readonly Dictionary<string, string[]> Tags = new()
    {
        ["CIP0001"] = ["security", "CWE-348", "external/cwe/cwe-348", "CWE-290", "external/cwe/cwe-290"],
        ["CIP0002"] = ["security", "CWE-348", "external/cwe/cwe-348", "CWE-290", "external/cwe/cwe-290"],
        ["CIP0003"] = ["security", "CWE-348", "external/cwe/cwe-348", "CWE-290", "external/cwe/cwe-290"],
        ["CIP0004"] = ["security", "CWE-348", "external/cwe/cwe-348", "CWE-290", "external/cwe/cwe-290"],
        ["CIP0005"] = ["security", "CWE-348", "external/cwe/cwe-348"],
    };

    [Fact]
    public async Task Sarif_log_locates_every_result_at_its_marked_span_and_the_rules_carry_their_weakness_tags()
    {
        using var consumer = new ConsumerProject(feed, "AllRulesApp");
        var expected = consumer.ExpectedSpans();
        Assert.Equal(Tags.Keys.Order(), expected.Select(d => d.Id).Order());
        var sarif = consumer.PathOf("clientip.sarif");

        // The README's command; the comma inside the property value is escaped for the MSBuild command line.
        var build = await log.Logged(consumer.BuildAsync($"-p:ErrorLog={sarif}%2Cversion=2.1"));

        Assert.True(build.Succeeded, build.ToString());
        var run = JsonNode.Parse(File.ReadAllText(sarif))!;
        Assert.Equal("2.1.0", (string?)run["version"]);
        var results = run["runs"]![0]!["results"]!.AsArray().OfType<JsonNode>()
            .Where(r => ((string?)r["ruleId"])?.StartsWith("CIP", StringComparison.Ordinal) == true)
            .ToList();
        var located = results.Select(result =>
        {
            var location = result["locations"]?[0]?["physicalLocation"];
            var uri = (string?)location?["artifactLocation"]?["uri"];
            var region = location?["region"];
            Assert.True(uri is not null && region?["startLine"] is not null, $"A result without a source location: {result.ToJsonString()}");
            return new DiagnosticSpan(
                Path.GetRelativePath(consumer.Directory, new Uri(uri!).LocalPath).Replace('\\', '/'),
                new Position((int)region!["startLine"]! - 1, (int)region["startColumn"]! - 1),
                new Position((int)region["endLine"]! - 1, (int)region["endColumn"]! - 1),
                (string)result["ruleId"]!);
        }).OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Start.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.True(
            expected.SequenceEqual(located),
            $"Expected exactly:\n  {string.Join("\n  ", expected)}\nIn the SARIF log:\n  {string.Join("\n  ", located)}");

        var rules = run["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().OfType<JsonNode>()
            .Where(rule => Tags.ContainsKey((string)rule["id"]!))
            .ToDictionary(rule => (string)rule["id"]!);
        foreach (var (id, tags) in Tags)
        {
            Assert.True(rules.TryGetValue(id, out var rule), $"{id} is not described in the SARIF log's rules.");
            Assert.Equal(tags.Order(), rule!["properties"]!["tags"]!.AsArray().Select(t => (string)t!).Order());
            Assert.Equal(Published.RuleHelpLink(id), (string?)rule["helpUri"]);
        }
    }

    [Fact]
    public async Task Dotnet_format_verify_no_changes_fails_and_names_every_fixable_mistake()
    {
        using var consumer = new ConsumerProject(feed, "AllRulesApp");

        var format = await log.Logged(consumer.RunDotNetAsync("format", "analyzers", "--verify-no-changes"));

        // Exit code 2: the formatter would change files.
        Assert.True(format.ExitCode == 2, $"dotnet format --verify-no-changes must fail with exit code 2.\n{format}");
        ConsumerAssert.Reported(consumer.ExpectedDiagnostics(), consumer.ReportedDiagnostics(format), format);
    }
}
