using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.Analyzers.Tests.Infrastructure;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>Every CIP0001-CIP0003 case: exactly the marked spans are reported, by both analyzers together.</summary>
public class ReadCaseTests
{
    public static IEnumerable<object[]> Cases =>
        RemoteAddressCases.Positive.Concat(RemoteAddressCases.Negative)
            .Concat(HeaderReadCases.Positive).Concat(HeaderReadCases.Negative)
            .Concat(LeftmostEntryCases.Positive).Concat(LeftmostEntryCases.Negative)
            .Concat(TrustedPeerCases.Positive).Concat(TrustedPeerCases.Negative)
            .Concat(PatternCases.Positive).Concat(PatternCases.Negative)
            .Concat(ReadShapeCases.Positive).Concat(ReadShapeCases.Negative)
            .Concat(QuietUseCases.Positive).Concat(QuietUseCases.Negative)
            .Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReportsExactlyTheMarkedSpans(AnalyzerCase @case)
    {
        var test = new ReadAnalyzersTest { TestCode = @case.Markup };

        await test.RunAsync(CancellationToken.None);
    }
}
