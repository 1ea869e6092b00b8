using System;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>One read of the direct peer's address (what CIP0001 reports).</summary>
internal sealed class PeerRead
{
    /// <param name="operation">The read: a property reference, an indexer access or an invocation.</param>
    /// <param name="display">How the message names it, e.g. <c>ConnectionInfo.RemoteIpAddress</c>.</param>
    /// <param name="isAspNetCore">True when ASP.NET Core's forwarded-header middleware (or UseClientIp) rewrites what it returns.</param>
    public PeerRead(IOperation operation, string display, bool isAspNetCore)
    {
        Operation = operation;
        Display = display;
        IsAspNetCore = isAspNetCore;
    }

    public IOperation Operation { get; }
    public string Display { get; }
    public bool IsAspNetCore { get; }
}

/// <summary>
/// Recognises reads of the address of the peer that opened the connection: <c>ConnectionInfo.RemoteIpAddress</c>,
/// <c>IHttpConnectionFeature.RemoteIpAddress</c>, gRPC's <c>ServerCallContext.Peer</c>, the <c>REMOTE_ADDR</c> server
/// variable (<c>HttpContext.GetServerVariable</c>, <c>IServerVariablesFeature</c>, classic <c>Request.ServerVariables</c>),
/// <c>HttpListenerRequest.RemoteEndPoint</c> and classic ASP.NET's <c>UserHostAddress</c>.
/// </summary>
internal static class PeerAddress
{
    /// <summary>The names of the properties a peer read can be, besides indexers (server variables).</summary>
    public static readonly string[] PropertyNames = { "RemoteIpAddress", "RemoteEndPoint", "UserHostAddress", "Peer" };

    /// <summary>The name of the one method a peer read can be a call of.</summary>
    public const string ServerVariableMethodName = "GetServerVariable";

    /// <summary>The names of the methods a peer read can be a call of.</summary>
    public static readonly string[] InvocationNames = { ServerVariableMethodName };

    /// <summary>The server variables that hold the peer's address (compared ignoring case).</summary>
    public static readonly string[] ServerVariableNames = { "REMOTE_ADDR", "REMOTE_HOST" };


    /// <summary>Property names a peer read can have: checked before any symbol, on every property reference.</summary>
    public static bool IsCandidateName(IPropertySymbol property) =>
        property.IsIndexer || System.Array.IndexOf(PropertyNames, property.Name) >= 0;

    public static PeerRead? Match(IOperation operation, WellKnownSymbols symbols, CancellationToken ct)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation reference when IsCandidateName(reference.Property):
                return MatchProperty(reference, symbols, ct);
            case IInvocationOperation { TargetMethod.Name: ServerVariableMethodName, Arguments.Length: 2 } invocation
                when symbols.Is(invocation.TargetMethod.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_HttpContextServerVariableExtensions) &&
                     IsRemoteAddrVariable(invocation.Arguments[1].Value, symbols, ct):
                return new PeerRead(invocation, "REMOTE_ADDR", isAspNetCore: true);
            default:
                return null;
        }
    }

    private static PeerRead? MatchProperty(IPropertyReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct)
    {
        var property = reference.Property;
        if (property.IsIndexer)
        {
            // IServerVariablesFeature["REMOTE_ADDR"], classic Request.ServerVariables["REMOTE_ADDR"]: cheapest test first.
            if (reference.Arguments.Length != 1 || reference.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            // Exact types (the feature is used through its interface): this runs on every indexer of the project.
            bool aspNetCore;
            if (symbols.Is(property.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_Features_IServerVariablesFeature))
            {
                aspNetCore = true;
            }
            else if (symbols.Is(property.ContainingType, WellKnownType.System_Collections_Specialized_NameValueCollection) &&
                     OperationWalk.SkipConversions(reference.Instance) is IPropertyReferenceOperation { Property: var source } &&
                     symbols.IsWebServerVariables(source))
            {
                aspNetCore = false;
            }
            else
            {
                return null;
            }

            return IsRemoteAddrVariable(reference.Arguments[0].Value, symbols, ct) ? new PeerRead(reference, "REMOTE_ADDR", aspNetCore) : null;
        }

        if (property.Name == "RemoteIpAddress" && symbols.IsRemoteIpAddress(property))
        {
            return new PeerRead(reference, property.ContainingType.Name + "." + property.Name, isAspNetCore: true);
        }

        // gRPC on ASP.NET Core builds Peer from the connection's remote address, so forwarded headers apply to it too.
        if (property.Name == "Peer" && symbols.Is(property, WellKnownMember.ServerCallContext_Peer))
        {
            return new PeerRead(reference, "ServerCallContext.Peer", isAspNetCore: true);
        }

        return symbols.Is(property, WellKnownMember.HttpListenerRequest_RemoteEndPoint) || symbols.IsWebUserHostAddress(property)
            ? new PeerRead(reference, property.ContainingType.Name + "." + property.Name, isAspNetCore: false)
            : null;
    }

    private static bool IsRemoteAddrVariable(IOperation name, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (HeaderNameResolver.Resolve(name, symbols, ct)?.Trim() is not { } text)
        {
            return false;
        }

        foreach (var variable in ServerVariableNames)
        {
            if (text.Equals(variable, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
