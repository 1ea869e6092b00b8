using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ClientIp.Analyzers.Configuration;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Configuration;

/// <summary>Runs every case of <see cref="ConfigurationCases"/> through the analyzer it belongs to.</summary>
public class ConfigurationAnalyzerTests
{
    public static IEnumerable<object[]> TrustAllCases => Cases(DiagnosticIds.ForwardedHeadersTrustEveryone);

    public static IEnumerable<object[]> OrderCases => Cases(DiagnosticIds.ForwardedHeadersRegisteredTooLate);

    public static IEnumerable<object[]> NegativeCases => ConfigurationCases.Negative.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(TrustAllCases))]
    public Task TrustAllIsReported(AnalyzerCase @case) =>
        Verifier<ClientIpAnalyzer>.VerifyRuleAsync(DiagnosticIds.ForwardedHeadersTrustEveryone, @case.Markup);

    [Theory]
    [MemberData(nameof(OrderCases))]
    public Task LateForwardingIsReported(AnalyzerCase @case) =>
        Verifier<ClientIpAnalyzer>.VerifyRuleAsync(DiagnosticIds.ForwardedHeadersRegisteredTooLate, @case.Markup);

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public async Task NothingIsReported(AnalyzerCase @case)
    {
        await Verifier<ClientIpAnalyzer>.VerifyRuleAsync(DiagnosticIds.ForwardedHeadersTrustEveryone, @case.Markup);
        await Verifier<ClientIpAnalyzer>.VerifyRuleAsync(DiagnosticIds.ForwardedHeadersRegisteredTooLate, @case.Markup);
    }

    [Fact]
    public void EveryShapeHasCases()
    {
        Assert.True(TrustAllCases.Count() >= 10, "CIP0004 cases missing");
        Assert.True(OrderCases.Count() >= 5, "CIP0005 cases missing");
        Assert.True(NegativeCases.Count() >= 10, "negative cases missing");
    }

    [Fact]
    public Task ClearedListsMessageNamesTheLists() =>
        Verifier<ClientIpAnalyzer>.VerifyRuleAsync(
            DiagnosticIds.ForwardedHeadersTrustEveryone,
            """
            using Microsoft.AspNetCore.Builder;

            static class C
            {
                static void M(ForwardedHeadersOptions o)
                {
                    {|#0:o.KnownProxies.Clear()|};
                    o.KnownIPNetworks.Clear();
                }
            }
            """,
            Verifier<ClientIpAnalyzer>.Diagnostic(DiagnosticIds.ForwardedHeadersTrustEveryone).WithLocation(0)
                .WithMessage("'KnownProxies' and 'KnownIPNetworks' are cleared and nothing is added back, so every peer is trusted as a proxy and any client can choose its own address"));

    [Fact]
    public Task AllNetworkMessageNamesTheNetwork() =>
        Verifier<ClientIpAnalyzer>.VerifyRuleAsync(
            DiagnosticIds.ForwardedHeadersTrustEveryone,
            """
            using System.Net;
            using Microsoft.AspNetCore.Builder;

            static class C
            {
                static void M(ForwardedHeadersOptions o) => o.KnownIPNetworks.Add({|#0:new System.Net.IPNetwork(IPAddress.IPv6Any, 0)|});
            }
            """,
            Verifier<ClientIpAnalyzer>.Diagnostic(DiagnosticIds.ForwardedHeadersTrustEveryone).WithLocation(0)
                .WithMessage("The network '::/0' is added to 'KnownIPNetworks', so every peer is trusted as a proxy and any client can choose its own address"));

    [Fact]
    public Task OrderMessageNamesBothMiddleware() =>
        Verifier<ClientIpAnalyzer>.VerifyRuleAsync(
            DiagnosticIds.ForwardedHeadersRegisteredTooLate,
            """
            using Microsoft.AspNetCore.Builder;

            static class C
            {
                static void M(IApplicationBuilder app)
                {
                    app.UseHsts();
                    app.UseHttpsRedirection();
                    {|#0:app.UseForwardedHeaders()|};
                }
            }
            """,
            Verifier<ClientIpAnalyzer>.Diagnostic(DiagnosticIds.ForwardedHeadersRegisteredTooLate).WithLocation(0)
                .WithMessage("'UseForwardedHeaders' runs after 'UseHsts', which then sees the proxy's scheme instead of the client's; register it before"));

    [Fact]
    public Task TopLevelStatementsAreOnePipeline()
    {
        var test = new Verifier<ClientIpAnalyzer>.AnalyzerTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.CreateBuilder(args).Build();
                app.UseRateLimiter();
                {|CIP0005:app.UseForwardedHeaders()|};
                app.Run();
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task FixabilityTravelsInTheProperties()
    {
        var test = new Verifier<ClientIpAnalyzer>.AnalyzerTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                static class C
                {
                    static void M(IApplicationBuilder app)
                    {
                        app.UseAuthentication();
                        {|#0:app.UseForwardedHeaders()|};
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verifier<ClientIpAnalyzer>.Diagnostic(DiagnosticIds.ForwardedHeadersRegisteredTooLate).WithLocation(0));
        test.DiagnosticVerifier = (diagnostic, _, _) =>
        {
            var start = int.Parse(diagnostic.Properties[ForwardedHeadersOrderRule.InsertBeforeProperty]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("app.UseAuthentication();", diagnostic.Location.SourceTree!.ToString().Substring(start), System.StringComparison.Ordinal);
        };
        return test.RunAsync();
    }

    private static IEnumerable<object[]> Cases(string id) =>
        ConfigurationCases.Positive.Where(c => c.Id == id).Select(c => new object[] { c });
}
