using System;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Recognises hand-written trusted-proxy checks: a bool-returning call whose name says so (<c>IsTrustedProxy(...)</c>,
/// <c>IsKnownProxy(...)</c>, a <c>Func&lt;IPAddress?, bool&gt; isTrustedProxy</c>), or a <c>Contains</c> call fed the connection's remote address, e.g.
/// <c>trustedProxies.Contains(ctx.Connection.RemoteIpAddress)</c> or <c>network.Contains(peer)</c> where
/// <c>peer</c> is a local holding the remote address. <c>IPAddress.IsLoopback(peer)</c> is not one: behind a
/// proxy on the same host every request is loopback.
/// </summary>
internal static class TrustedPeerCheck
{
    /// <summary>Whether <paramref name="operation"/> sits where a trusted-peer check has already passed:
    /// a branch of an <c>if</c> or <c>?:</c> on such a check, the right side of <c>check &amp;&amp; ...</c>, or after
    /// <c>if (...check...) return;</c> in an enclosing block.</summary>
    public static bool IsGuarded(IOperation operation, WellKnownSymbols symbols, CancellationToken ct)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            if (OperationWalk.IsFunctionBoundary(child))
            {
                return false; // a check outside the lambda or local function does not guard it
            }

            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child && ChecksPeer(conditional.Condition, symbols, ct):
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when both.RightOperand == child && ChecksPeer(both.LeftOperand, symbols, ct):
                    return true;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        if (statement is IConditionalOperation { WhenTrue: var exit } guard && Exits(exit) && ChecksPeer(guard.Condition, symbols, ct))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>Whether the body containing <paramref name="operation"/> checks the peer against a trusted set
    /// anywhere, i.e. is itself a hand-written client-address resolver.</summary>
    public static bool BodyChecksPeer(IOperation operation, WellKnownSymbols symbols, CancellationToken ct) =>
        ChecksPeer(OperationWalk.EnclosingFunction(operation), symbols, ct);

    public static bool ChecksPeer(IOperation scope, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var descendant in scope.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is not IInvocationOperation invocation)
            {
                continue;
            }

            // A yes/no question about trust (IsTrustedProxy(peer), IsFromKnownProxy(ctx)); AddReverseProxy() is not one.
            var name = NameOf(invocation);
            if (invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean &&
                (name.IndexOf("Trust", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 name.IndexOf("Proxy", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 name.IndexOf("Proxies", StringComparison.OrdinalIgnoreCase) >= 0) &&
                HasPeerArgument(invocation, symbols, ct))
            {
                return true;
            }

            if (name == "Contains" && InvolvesPeer(invocation, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the question is asked about the peer: an argument (or extension receiver) that is an address, an
    /// endpoint, the connection, the request or its context, or that involves the remote address. <c>IsTrustedDevice()</c>
    /// or <c>IsProxyEnabled()</c> ask nothing about who connected.
    /// </summary>
    private static bool HasPeerArgument(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = OperationWalk.SkipConversions(argument.Value);
            if (value is null)
            {
                continue;
            }

            if (symbols.IsPeerCarrier(value.Type) || InvolvesPeer(value, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method's name, or for a delegate call (<c>isTrustedProxy(peer)</c>) the delegate's name.</summary>
    private static string NameOf(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
        {
            return invocation.TargetMethod.Name;
        }

        return invocation.Instance switch
        {
            IParameterReferenceOperation p => p.Parameter.Name,
            ILocalReferenceOperation l => l.Local.Name,
            IFieldReferenceOperation f => f.Field.Name,
            IPropertyReferenceOperation p => p.Property.Name,
            _ => string.Empty,
        };
    }

    private static bool InvolvesPeer(IOperation scope, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var descendant in scope.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IPropertyReferenceOperation property when symbols.IsRemoteIpAddress(property.Property):
                    return true;
                case ILocalReferenceOperation local when HoldsPeer(local, symbols, ct):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A local initialised from the remote address (one hop, e.g. <c>var peer = ctx.Connection.RemoteIpAddress;</c>).</summary>
    private static bool HoldsPeer(ILocalReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var syntaxReference in reference.Local.DeclaringSyntaxReferences)
        {
            if (syntaxReference.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } value } &&
                value.SyntaxTree == reference.Syntax.SyntaxTree &&
                reference.SemanticModel?.GetOperation(value, ct) is { } initializer)
            {
                foreach (var descendant in initializer.DescendantsAndSelf())
                {
                    if (descendant is IPropertyReferenceOperation property && symbols.IsRemoteIpAddress(property.Property))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Exits(IOperation operation) => operation switch
    {
        IReturnOperation or IThrowOperation or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => Exits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };
}
