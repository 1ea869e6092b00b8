using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Tests.Common;

/// <summary>The chunked text search that decides which files the analyzer looks at and which ones its scans walk.</summary>
public class SourceTextSearchTests
{
    private static readonly SourceTextSearch Needles = new("UseClientIp", "UseForwardedHeaders");

    [Theory]
    [InlineData(0)]
    [InlineData(4090)] // straddles the first chunk boundary
    [InlineData(4096)] // starts exactly on it
    [InlineData(9000)]
    public void FindsANeedleWhereverItSits(int offset)
    {
        var text = SourceText.From(new string(' ', offset) + "app.UseForwardedHeaders();" + new string(' ', 50));

        Assert.Equal(2, Needles.Find(text, CancellationToken.None));
    }

    [Fact]
    public void ReportsEachNeedleFoundAsItsBit()
    {
        var text = SourceText.From(new string('x', 5000) + "UseClientIp" + new string('y', 5000) + "UseForwardedHeaders");

        Assert.Equal(3, Needles.Find(text, CancellationToken.None));
    }

    [Fact]
    public void FindsNothingInTextWithoutTheNeedles()
    {
        var text = SourceText.From("UseClient Ip UseForwarded Headers " + new string('z', 8000));

        Assert.Equal(0, Needles.Find(text, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4080)] // ends in the part the second chunk repeats: found once
    [InlineData(4090)] // straddles the first chunk boundary
    [InlineData(4096)]
    [InlineData(4018)] // "Forwarded" ends in the repeated part: found once
    [InlineData(8120)] // "Forwarded" straddles the second chunk boundary
    [InlineData(12000)]
    public void FindsEveryOccurrenceOnce(int offset)
    {
        // Anchored at a rare character ("real-ip", "Peer", "KnownProxies") or searched whole ("forwarded", any case).
        var source = new string(' ', offset) + "x-real-ip KnownProxies Peer " + new string(' ', 30) + "X-REAL-IP Forwarded";
        var search = new SourceTextSearch(new[] { "real-ip", "Peer", "KnownProxies", "forwarded" }, new[] { true, false, false, true });
        var matches = new List<TextMatch>();

        search.FindAll(SourceText.From(source), matches, CancellationToken.None);

        Assert.Equal(
            new[] { (0, offset + 2), (2, offset + 10), (1, offset + 23), (0, source.Length - 17), (3, source.Length - 9) },
            matches.Select(m => (m.Needle, m.Position)).OrderBy(m => m.Position));
    }

    [Fact]
    public void ComparesOrdinallyUnlessToldToIgnoreCase()
    {
        var search = new SourceTextSearch(new[] { "Peer", "forwarded" }, new[] { false, true });

        Assert.Equal(0, search.Find(SourceText.From("peer PEER forwarde"), CancellationToken.None));
        Assert.Equal(2, search.Find(SourceText.From("X-FORWARDED-FOR"), CancellationToken.None));
        Assert.Equal(3, search.Find(SourceText.From("Peer Forwarded"), CancellationToken.None));
    }

    [Fact]
    public void NeedlesSharingAnAnchorAreEachFound()
    {
        // "-real", "real-" and "-ip" are all looked for at the hyphen.
        var search = new SourceTextSearch(new[] { "-real", "real-", "-ip", "-client" }, new[] { true, true, true, true });
        var matches = new List<TextMatch>();

        search.FindAll(SourceText.From("\"X-Real-IP\""), matches, CancellationToken.None);

        Assert.Equal(new[] { (0, 2), (1, 3), (2, 7) }, matches.Select(m => (m.Needle, m.Position)).OrderBy(m => m.Item2).ThenBy(m => m.Item1));
    }

    [Fact]
    public void NonAsciiNeedlesAreFound()
    {
        var search = new SourceTextSearch("Kundenadresse", "Größe");

        Assert.Equal(2, search.Find(SourceText.From("var größe = Größe;"), CancellationToken.None));
    }

    [Fact]
    public void AnEmptyNeedleIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SourceTextSearch("Peer", ""));
    }

    [Fact]
    public void ANeedleWithoutItsIgnoreCaseFlagIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SourceTextSearch(new[] { "Peer", "Known" }, new[] { false }));
    }
}
