using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ClientIp.DocGen;

namespace ClientIp.Analyzers.Tests.Metadata;

/// <summary>
/// Every rule an analyzer ships has its page, help link, release-tracking row and README row, and the generated README
/// table and global config match what tools/ClientIp.DocGen would write.
/// </summary>
public class RuleMetadataTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    /// <summary>The ids an analyzer in the assembly reports: what the package really ships.</summary>
    public static IEnumerable<object[]> ShippedIds =>
        RuleMetadata.LoadRules().Where(r => r.HasAnalyzer).Select(r => new object[] { r.Id });

    [Fact]
    public void TheAnalyzerAssemblyShipsRules()
    {
        // Guards the theories below against passing on an empty set.
        Assert.Contains(ShippedIds, row => (string)row[0] == DiagnosticIds.ForwardedHeadersTrustEveryone);
        Assert.Contains(ShippedIds, row => (string)row[0] == DiagnosticIds.ForwardedHeadersRegisteredTooLate);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void RuleHasADocumentationPage(string id)
    {
        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no documentation page: create docs/rules/{id}.md");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why it matters", "## Bad", "## Good", "## Options", "## How to suppress" })
        {
            Assert.True(text.Contains(section, StringComparison.Ordinal), $"docs/rules/{id}.md lacks a '{section}' section");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void HelpLinkPointsAtTheRulePage(string id)
    {
        var descriptor = Rule(id).Descriptor;
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void RuleIsTrackedInAnalyzerReleases(string id)
    {
        var releases = string.Concat(
            new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
                .Select(f => File.ReadAllText(Path.Combine(Root, "src", "ClientIp.Analyzers", f))));
        var row = releases.Split('\n').FirstOrDefault(l => l.Split('|')[0].Trim() == id);
        Assert.True(row is not null, $"{id} has no row in src/ClientIp.Analyzers/AnalyzerReleases.Unshipped.md");
        Assert.Equal(Rule(id).Descriptor.Category, row!.Split('|')[1].Trim());

        // The Notes column names the analyzer class that reports the id.
        var reporters = RuleMetadata.LoadAnalyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).Select(a => a.GetType().Name);
        Assert.Contains(row.Split('|')[3].Trim(), reporters);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void RuleCarriesItsWeaknessTagsAndThePageNamesThem(string id)
    {
        // SARIF (-p:ErrorLog=...,version=2.1) copies custom tags into the rule's properties; code-scanning dashboards read
        // "external/cwe/cwe-NNN" from there.
        var tags = Rule(id).Descriptor.CustomTags.ToList();
        Assert.Contains("security", tags);
        Assert.Contains("CWE-348", tags);
        var page = File.ReadAllText(Path.Combine(Root, "docs", "rules", id + ".md"));
        foreach (var cwe in tags.Where(t => t.StartsWith("CWE-", StringComparison.Ordinal)))
        {
            Assert.Contains("external/cwe/" + cwe.ToLowerInvariant(), tags);
            Assert.True(page.Contains(cwe, StringComparison.Ordinal), $"docs/rules/{id}.md does not name {cwe}");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void RuleHasAReadmeRow(string id)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.True(readme.Contains($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal), $"README.md has no row for {id}; run: {RuleMetadata.RegenerateCommand}");
    }

    [Fact]
    public void ReadmeTableIsUpToDate()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var expected = RuleMetadata.ReplaceReadmeTable(readme, RuleMetadata.RenderReadmeTable(RuleMetadata.LoadRules()));
        Assert.True(expected == readme, $"The README rule table drifted from the descriptors; run: {RuleMetadata.RegenerateCommand}\n{expected}");
    }

    [Fact]
    public void GlobalConfigIsUpToDate()
    {
        var actual = File.ReadAllText(Path.Combine(Root, RuleMetadata.GlobalConfigPath));
        var expected = RuleMetadata.RenderGlobalConfig(RuleMetadata.LoadRules(), RuleMetadata.LoadOptionDefaults(Root));
        Assert.True(expected == actual, $"{RuleMetadata.GlobalConfigPath} drifted from the descriptors; run: {RuleMetadata.RegenerateCommand}\n{expected}");
    }

    [Fact]
    public void GlobalConfigLosesToUserSettings()
    {
        var text = RuleMetadata.RenderGlobalConfig(RuleMetadata.LoadRules(), Array.Empty<KeyValuePair<string, string>>());
        Assert.Contains("is_global = true\n", text, StringComparison.Ordinal);
        Assert.Contains("global_level = -1\n", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic.CIP0004.severity = warning\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeFixColumnComesFromTheCodeFixAssembly()
    {
        // CIP0004 and CIP0005 have fixes in ClientIp.CodeFixes; the table must say so.
        var table = RuleMetadata.RenderReadmeTable(RuleMetadata.LoadRules());
        Assert.Contains("| [CIP0004](docs/rules/CIP0004.md) | Forwarded-header options trust every proxy | Warning | Yes |", table, StringComparison.Ordinal);
        Assert.Contains("| [CIP0005](docs/rules/CIP0005.md) | Forwarded-header middleware registered too late | Warning | Yes |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsAreReadFromTheRulePagesAndOnlyListedInTheGlobalConfig()
    {
        const string page = """
            # CIP9999: Example

            | Key | Default |
            |---|---|
            | `clientip.not_an_option_here` | `x` |

            ## Options

            | Key | Default | Meaning |
            |---|---|---|
            | `clientip.CIP9999.report_everything` | `false` | reports more |

            ## How to suppress

            | `clientip.CIP9999.after_options` | `true` | not in the Options section |
            """;

        var options = RuleMetadata.ParseOptionTable(page).ToList();
        var text = RuleMetadata.RenderGlobalConfig(Array.Empty<Rule>(), options);

        Assert.Equal(new[] { new KeyValuePair<string, string>("clientip.CIP9999.report_everything", "false") }, options);
        Assert.Contains("# clientip.CIP9999.report_everything = false\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nclientip.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TableReplacementNeedsBothMarkers() =>
        Assert.Throws<InvalidOperationException>(() => RuleMetadata.ReplaceReadmeTable("# no table here", "x"));

    private static Rule Rule(string id) => RuleMetadata.LoadRules().Single(r => r.Id == id);
}
