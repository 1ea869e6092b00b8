using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>
/// <see cref="ClientIpHeaders.TextWitnesses"/> against every header the rules know: a file that spells a header in any
/// of the ways the header-name resolver follows must be looked at.
/// </summary>
public class ClientIpHeaderWitnessTests
{
    private static readonly SourceTextSearch Witnesses = new(
        ClientIpHeaders.TextWitnesses.Concat(ClientIpHeaders.ConstantNameWitnesses).ToArray(),
        ClientIpHeaders.TextWitnesses.Select(_ => true).Concat(ClientIpHeaders.ConstantNameWitnesses.Select(_ => false)).ToArray());

    public static IEnumerable<object[]> Headers => ClientIpHeaders.Names.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Headers))]
    public void EverySpellingOfTheHeaderIsWitnessed(string header)
    {
        var serverVariable = "HTTP_" + header.Replace('-', '_').ToUpperInvariant();
        foreach (var spelling in new[] { header, header.ToLowerInvariant(), header.ToUpperInvariant(), serverVariable })
        {
            Assert.True(Witnessed(spelling), $"{spelling} is not witnessed");
        }
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void EachTwoPartSplitAtAHyphenLeavesAWitnessInOnePart(string header)
    {
        for (var at = header.IndexOf('-'); at >= 0; at = header.IndexOf('-', at + 1))
        {
            // The hyphen goes with either part: Prefix = "X-Real" + "-IP", or "X-Real-" + "IP".
            foreach (var (left, right) in new[] { (header[..at], header[at..]), (header[..(at + 1)], header[(at + 1)..]) })
            {
                Assert.True(Witnessed(left) || Witnessed(right), $"neither '{left}' nor '{right}' is witnessed");
            }
        }
    }

    [Theory]
    [InlineData("HeaderNames.XForwardedFor")]
    [InlineData("ForwardedHeadersDefaults.XOriginalForHeaderName")]
    [InlineData("Headers.Xff")]
    [InlineData("HeaderNames.XRealIP")]
    [InlineData("Constants.XRealIp")]
    [InlineData("CustomHeaders.CfConnectingIP")]
    [InlineData("Constants.XAzureClientIPHeader")]
    public void TheUsualNamesOfAnotherAssemblysConstantAre(string text) => Assert.True(Witnessed(text), $"{text} is not witnessed");

    [Theory]
    [InlineData("X-Correlation-ID")]
    [InlineData("Accept-Language")]
    [InlineData("User-Agent")]
    [InlineData("If-None-Match")]
    [InlineData("var total = price - discount;")]
    public void OtherHeadersAndCodeAreNot(string text) => Assert.False(Witnessed(text));

    private static bool Witnessed(string text) => Witnesses.Find(SourceText.From("\"" + text + "\""), CancellationToken.None) != 0;
}
