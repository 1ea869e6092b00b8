using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Tests.Common;

/// <summary>The chunked text search that decides which files the configured-compilation scan walks.</summary>
public class SourceTextSearchTests
{
    private static readonly string[] Needles = { "UseClientIp", "UseForwardedHeaders" };

    [Theory]
    [InlineData(0)]
    [InlineData(4090)] // straddles the first chunk boundary
    [InlineData(4096)] // starts exactly on it
    [InlineData(9000)]
    public void FindsANeedleWhereverItSits(int offset)
    {
        var text = SourceText.From(new string(' ', offset) + "app.UseForwardedHeaders();" + new string(' ', 50));

        Assert.Equal(2, SourceTextSearch.Find(text, Needles, CancellationToken.None));
    }

    [Fact]
    public void ReportsEachNeedleFoundAsItsBit()
    {
        var text = SourceText.From(new string('x', 5000) + "UseClientIp" + new string('y', 5000) + "UseForwardedHeaders");

        Assert.Equal(3, SourceTextSearch.Find(text, Needles, CancellationToken.None));
    }

    [Fact]
    public void FindsNothingInTextWithoutTheNeedles()
    {
        var text = SourceText.From("UseClient Ip UseForwarded Headers " + new string('z', 8000));

        Assert.Equal(0, SourceTextSearch.Find(text, Needles, CancellationToken.None));
    }
}
