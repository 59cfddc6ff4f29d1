#!/usr/bin/env bash
# Grants the Functions app's managed identity the Microsoft Graph application permissions CloudTrust needs.
# Bicep cannot grant them. Run once, as a Privileged Role Administrator, with the Azure CLI signed in:
#   infra/grant-graph-permissions.sh <functionAppPrincipalId> [--with-ticket-probe] [--with-group-creation] [--with-migration]
# --with-group-creation: plans with createMissingGroups (Group.Create, least privileged for POST /groups);
# --with-migration: certificate-trust migration's container deletion (Remediations scripts, as the ticket probe).
set -euo pipefail
principal="${1:?usage: $0 <functionAppPrincipalId> [--with-ticket-probe] [--with-group-creation] [--with-migration]}"; shift
permissions=(DeviceManagementConfiguration.ReadWrite.All DeviceManagementManagedDevices.Read.All DeviceManagementServiceConfig.Read.All GroupMember.Read.All Device.Read.All AuditLog.Read.All)
for option in "$@"; do
  case "$option" in
    --with-ticket-probe) permissions+=(DeviceManagementScripts.ReadWrite.All) ;;
    --with-group-creation) permissions+=(Group.Create) ;;
    --with-migration) permissions+=(DeviceManagementScripts.ReadWrite.All) ;;
    *) echo "unknown option: $option" >&2; exit 2 ;;
  esac
done
graph=$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv)
for permission in $(printf "%s\n" "${permissions[@]}" | sort -u); do
  role=$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query "appRoles[?value=='$permission'].id | [0]" -o tsv)
  az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments" \
    --body "{\"principalId\":\"$principal\",\"resourceId\":\"$graph\",\"appRoleId\":\"$role\"}" >/dev/null
  echo "granted $permission"
done
