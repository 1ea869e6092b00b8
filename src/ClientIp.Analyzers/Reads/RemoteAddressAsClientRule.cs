using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// CIP0001: the connection's remote address is used as the client's address.
/// </summary>
/// <remarks>
/// <para>Reported reads (<see cref="PeerAddress"/>): <c>ConnectionInfo.RemoteIpAddress</c> and
/// <c>IHttpConnectionFeature.RemoteIpAddress</c> (however the object was reached: HttpContext, features, SignalR or gRPC
/// GetHttpContext(), IHttpContextAccessor, a property pattern), gRPC's <c>ServerCallContext.Peer</c>, the
/// <c>REMOTE_ADDR</c> server variable (<c>HttpContext.GetServerVariable</c>, <c>IServerVariablesFeature</c>, classic
/// <c>Request.ServerVariables</c>), plus, when referenced, <c>HttpListenerRequest.RemoteEndPoint</c> and classic
/// ASP.NET's <c>Request.UserHostAddress</c>.</para>
/// <para>Location (the code fix relies on it): the syntax of the property reference, e.g. the whole
/// <c>ctx.Connection.RemoteIpAddress</c> member access. When a <c>?.</c> precedes the property in the chain
/// (<c>ctx?.Connection.RemoteIpAddress</c>, <c>feature?.RemoteIpAddress</c>) the location is the enclosing
/// <c>ConditionalAccessExpressionSyntax</c> (the outermost of a nested chain, so it can include a trailing
/// <c>?.ToString()</c>). New shapes: <c>context.Peer</c> (the property reference), <c>ctx.GetServerVariable("REMOTE_ADDR")</c>
/// (the invocation), <c>feature["REMOTE_ADDR"]</c> (the element access), a <c>RemoteIpAddress</c> subpattern of a property
/// pattern (the <c>RemoteIpAddress</c> name in it). No additional locations, no properties.</para>
/// <para>Not reported: writes; code in the ClientIp namespace or assembly; null checks only; log-only uses
/// (option <c>clientip.CIP0001.report_logging_reads</c>) or assertions; the fallback of the "header, else peer" idiom
/// (CIP0002/3 is reported on the header instead); proxy-trust code (<see cref="TrustedPeerCheck.IsProxyTrustCode"/>:
/// a peer check that decides what happens to forwarding headers, or a proxy question by name); and, for ASP.NET Core,
/// compilations that configure forwarded headers (<see cref="ForwardedHeadersConfiguration"/>) or set
/// <c>clientip.CIP0001.forwarded_headers_configured_by_host = true</c>. A peer check without forwarding headers behind
/// it (an allow-list, a loopback-only page, a ban list) is the peer used as the client, and is reported.</para>
/// <para>Run by <see cref="ClientIpAnalyzer"/>, which hands it indexers and the members named in <see cref="PeerAddress"/>'s tables.</para>
/// </remarks>
internal static class RemoteAddressAsClientRule
{
    public static void Analyze(in OperationAnalysisContext context, WellKnownSymbols symbols, ForwardedHeadersConfiguration configuration)
    {
        // Names first, then symbols: this runs on every property reference and call in the project, and everything
        // below runs only for the handful of peer-address reads.
        var operation = context.Operation;
        if (operation is IPropertyReferenceOperation reference ? !PeerAddress.IsCandidateName(reference.Property) :
            operation is not IInvocationOperation { TargetMethod.Name: PeerAddress.ServerVariableMethodName })
        {
            return;
        }

        var ct = context.CancellationToken;
        if (PeerAddress.Match(operation, symbols, ct) is not { } read ||
            OperationWalk.IsWriteTarget(operation) || OperationWalk.IsInNameOf(operation) || ReadReporting.IsInClientIpLibrary(context.ContainingSymbol))
        {
            return;
        }

        // Cheap exemptions before any walk: the host option, then the once-per-compilation configuration scan. A read in
        // middleware registered before the forwarding call is CIP0005's, reported at that call.
        var tree = operation.Syntax.SyntaxTree;
        if (read.IsAspNetCore &&
            (ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.RemoteAddressUsedAsClient, ClientIpAnalyzerOptions.ForwardedHeadersConfiguredByHost) ||
             configuration.IsConfigured(ct)))
        {
            return;
        }

        var uses = ValueUses.Summarize(operation, isText: true, symbols, ct);
        if (uses.OnlyPresence ||
            (uses.OnlyLogging && !ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.RemoteAddressUsedAsClient, ClientIpAnalyzerOptions.ReportLoggingReads)))
        {
            return;
        }

        if (HeaderFallback.IsFallback(operation, symbols, ct) || TrustedPeerCheck.IsProxyTrustCode(operation, context.ContainingSymbol, symbols, ct))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0001,
            ReadReporting.LocationOf(operation.Syntax),
            ReadReporting.NoProperties,
            read.Display));
    }
}
