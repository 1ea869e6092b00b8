using System.Collections.Immutable;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// CIP0001: the connection's remote address is used as the client's address.
/// </summary>
/// <remarks>
/// <para>Reported reads: <c>ConnectionInfo.RemoteIpAddress</c> and <c>IHttpConnectionFeature.RemoteIpAddress</c>
/// (however the object was reached: HttpContext, features, SignalR or gRPC GetHttpContext(), IHttpContextAccessor),
/// plus, when referenced, <c>HttpListenerRequest.RemoteEndPoint</c> and classic ASP.NET's
/// <c>Request.UserHostAddress</c>.</para>
/// <para>Location (the code fix relies on it): the syntax of the property reference, e.g. the whole
/// <c>ctx.Connection.RemoteIpAddress</c> member access. When a <c>?.</c> precedes the property in the chain
/// (<c>ctx?.Connection.RemoteIpAddress</c>, <c>feature?.RemoteIpAddress</c>) the location is the enclosing
/// <c>ConditionalAccessExpressionSyntax</c> (the outermost of a nested chain, so it can include a trailing
/// <c>?.ToString()</c>). No additional locations.</para>
/// <para>Not reported: writes; code in the ClientIp namespace or assembly; null checks only; log-only uses
/// (option <c>clientip.CIP0001.report_logging_reads</c>); the fallback of the "header, else peer" idiom (CIP0002/3
/// is reported on the header instead); bodies that compare the peer against trusted proxies; and, for ASP.NET Core,
/// compilations that configure forwarded headers (<see cref="ForwardedHeadersConfiguration"/>) or set
/// <c>clientip.CIP0001.forwarded_headers_configured_by_host = true</c>.</para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RemoteAddressAsClientAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CIP0001);

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
        if (ReadReporting.IsClientIpLibrary(context.Compilation))
        {
            return;
        }

        var symbols = WellKnownSymbols.For(context.Compilation);
        if (!symbols.IsRelevant(context.CancellationToken))
        {
            return;
        }

        var configuration = new ForwardedHeadersConfiguration(symbols);
        context.RegisterOperationAction(c => Analyze(c, symbols, configuration), OperationKind.PropertyReference);
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownSymbols symbols, ForwardedHeadersConfiguration configuration)
    {
        if (context.Operation is not IPropertyReferenceOperation reference)
        {
            return;
        }

        // Name first, then the symbol: this runs on every property reference in the project, and everything below
        // runs only for the handful of peer-address reads.
        var property = reference.Property;
        if (property.Name is not ("RemoteIpAddress" or "RemoteEndPoint" or "UserHostAddress"))
        {
            return;
        }

        bool aspNetCore;
        if (property.Name == "RemoteIpAddress" && symbols.IsRemoteIpAddress(property))
        {
            aspNetCore = true;
        }
        else if (symbols.Is(property, WellKnownMember.HttpListenerRequest_RemoteEndPoint) ||
                 symbols.IsWebUserHostAddress(property))
        {
            aspNetCore = false;
        }
        else
        {
            return;
        }

        if (OperationWalk.IsWriteTarget(reference) || OperationWalk.IsInNameOf(reference) || ReadReporting.IsInClientIpLibrary(context.ContainingSymbol))
        {
            return;
        }

        // Cheap exemptions before any walk: the host option, then the once-per-compilation configuration scan.
        var ct = context.CancellationToken;
        var tree = reference.Syntax.SyntaxTree;
        if (aspNetCore &&
            (ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.RemoteAddressUsedAsClient, ClientIpAnalyzerOptions.ForwardedHeadersConfiguredByHost) ||
             configuration.IsConfigured(ct)))
        {
            return;
        }

        var uses = ValueUses.Summarize(reference, isText: true, symbols, ct);
        if (uses.OnlyPresence ||
            (uses.OnlyLogging && !ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.RemoteAddressUsedAsClient, ClientIpAnalyzerOptions.ReportLoggingReads)))
        {
            return;
        }

        if (HeaderFallback.IsFallback(reference, symbols, ct) || TrustedPeerCheck.BodyChecksPeer(reference, symbols, ct))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0001,
            ReadReporting.LocationOf(reference.Syntax),
            ReadReporting.NoProperties,
            property.ContainingType.Name + "." + property.Name));
    }
}
