using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.Package;

/// <summary>
/// What nuget.org and an IDE's package view show: the package README, where a relative link leads nowhere, and the
/// repository the nuspec names.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed partial class PackageMetadataTests(PackedFeed feed)
{
    [Fact]
    public void The_package_readme_has_every_link_of_the_repository_readme_made_absolute()
    {
        var source = File.ReadAllText(Path.Combine(DotNet.RepositoryRoot, "README.md"));
        var relative = RelativeLink().Matches(source).Select(m => m.Groups["target"].Value).Distinct().ToList();
        Assert.Contains("docs/rules/CIP0001.md", relative); // the generated rules table keeps relative links in the repository
        Assert.Contains("docs/resolver.md", relative);

        var packed = Read("README.md");

        Assert.Empty(RelativeLink().Matches(packed).Select(m => m.Value));
        foreach (var target in relative)
        {
            Assert.Contains($"]({Published.Repository}/blob/main/{target})", packed, StringComparison.Ordinal);
        }

        // Nothing else changed.
        Assert.Equal(RelativeLink().Replace(source, "]()"), AbsoluteLink().Replace(packed, "]()"));
    }

    [Fact]
    public void The_nuspec_names_the_repository()
    {
        var nuspec = Read("ClientIp.Analyzers.nuspec");
        Assert.Matches($"""<repository type="git" url="{Regex.Escape(Published.Repository)}"[ />]""", nuspec);
        Assert.Contains($"<projectUrl>{Published.Repository}</projectUrl>", nuspec, StringComparison.Ordinal);
    }

    private string Read(string entry)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        using var reader = new StreamReader(package.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)(?<target>[^)\s]+)\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"\]\(https://github\.com/clientip-analyzers/ClientIp\.Analyzers/blob/main/[^)\s]+\)")]
    private static partial Regex AbsoluteLink();
}
