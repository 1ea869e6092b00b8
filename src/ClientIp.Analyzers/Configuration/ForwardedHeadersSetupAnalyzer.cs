using System.Collections.Immutable;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// The forwarded-header configuration rules, CIP0004 (<see cref="ForwardedHeadersTrustAllRule"/>) and CIP0005
/// (<see cref="ForwardedHeadersOrderRule"/>): one analyzer with one callback on calls that hands each call to both rules,
/// because the compiler times and dispatches every callback of every analyzer on every call; two analyzers on calls paid
/// that twice (issue 15, bench/analyzer-cost/README.md).
/// </summary>
/// <remarks>
/// Each rule keeps its own descriptor, logic class, tests and page, and decides on its own; suppressing one id (the
/// tests select rules this way) leaves the other rule's findings exactly as they were.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForwardedHeadersSetupAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CIP0004, Descriptors.CIP0005, Descriptors.Variants.CIP0005TwoMiddlewares);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed. ReportDiagnostics (everything we report is in handwritten code) spares the
        // driver its per-report [GeneratedCode] check, which walks the whole file (bench/analyzer-cost/README.md).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var symbols = WellKnownSymbols.For(context.Compilation);
        var trustAll = ForwardedHeadersTrustAllRule.Applies(symbols);
        var order = ForwardedHeadersOrderRule.Applies(symbols);
        if (!trustAll && !order)
        {
            return;
        }

        var rules = new Rules(symbols, trustAll, order);
        context.RegisterOperationAction(rules.AnalyzeInvocation, OperationKind.Invocation);
        if (trustAll && ForwardedHeadersTrustAllRule.NeedsAssignments(symbols))
        {
            context.RegisterOperationAction(rules.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }
    }

    /// <summary>One compilation's configuration rules and which of them apply.</summary>
    private sealed class Rules
    {
        private readonly WellKnownSymbols _symbols;
        private readonly ForwardedHeadersConfiguration? _configuration;
        private readonly bool _trustAll;

        public Rules(WellKnownSymbols symbols, bool trustAll, bool order)
        {
            _symbols = symbols;
            _trustAll = trustAll;
            _configuration = order ? new ForwardedHeadersConfiguration(symbols) : null;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            if (_trustAll)
            {
                ForwardedHeadersTrustAllRule.AnalyzeInvocation(in context, _symbols);
            }

            if (_configuration is not null)
            {
                ForwardedHeadersOrderRule.Analyze(in context, _symbols, _configuration);
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context) => ForwardedHeadersTrustAllRule.AnalyzeOptInAssignment(in context, _symbols);
    }
}
