import type { IDeployment as T0 } from "kubernetes-models/apps/v1/Deployment";
export const o0: T0 = {
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "antrean"
  },
  "spec": {
    "replicas": 2,
    "selector": {
      "matchLabels": {
        "app.kubernetes.io/component": "server",
        "app.kubernetes.io/name": "antrean"
      }
    },
    "strategy": {
      "rollingUpdate": {
        "maxSurge": 1,
        "maxUnavailable": 0
      },
      "type": "RollingUpdate"
    },
    "template": {
      "metadata": {
        "labels": {
          "app.kubernetes.io/component": "server",
          "app.kubernetes.io/name": "antrean"
        }
      },
      "spec": {
        "containers": [
          {
            "envFrom": [
              {
                "configMapRef": {
                  "name": "antrean"
                }
              },
              {
                "secretRef": {
                  "name": "antrean"
                }
              }
            ],
            "image": "antrean-server",
            "lifecycle": {
              "preStop": {
                "exec": {
                  "command": [
                    "sleep",
                    "10"
                  ]
                }
              }
            },
            "livenessProbe": {
              "failureThreshold": 6,
              "periodSeconds": 10,
              "tcpSocket": {
                "port": "http"
              },
              "timeoutSeconds": 2
            },
            "name": "antrean",
            "ports": [
              {
                "containerPort": 8080,
                "name": "http"
              }
            ],
            "readinessProbes": {
              "failureThreshold": 2,
              "httpGet": {
                "path": "/observe/health",
                "port": "http"
              },
              "periodSeconds": 5,
              "timeoutSeconds": 2
            },
            "resources": {
              "limits": {
                "memory": "768Mi"
              },
              "requests": {
                "cpu": "500m",
                "memory": "768Mi"
              }
            },
            "securityContext": {
              "allowPrivilegeEscalation": false,
              "capabilities": {
                "drop": [
                  "ALL"
                ]
              },
              "readOnlyRootFilesystem": true
            },
            "startupProbe": {
              "failureThreshold": 30,
              "httpGet": {
                "path": "/observe/health",
                "port": "http"
              },
              "periodSeconds": 5,
              "timeoutSeconds": 2
            },
            "volumeMounts": [
              {
                "mountPath": "/tmp",
                "name": "tmp"
              }
            ]
          }
        ],
        "securityContext": {
          "runAsGroup": 10001,
          "runAsNonRoot": true,
          "runAsUser": 10001,
          "seccompProfile": {
            "type": "RuntimeDefault"
          }
        },
        "terminationGracePeriodSeconds": 40,
        "topologySpreadConstraints": [
          {
            "labelSelector": {
              "matchLabels": {
                "app.kubernetes.io/component": "server",
                "app.kubernetes.io/name": "antrean"
              }
            },
            "maxSkew": 1,
            "topologyKey": "kubernetes.io/hostname",
            "whenUnsatisfiable": "ScheduleAnyway"
          }
        ],
        "volumes": [
          {
            "emptyDir": {},
            "name": "tmp"
          }
        ]
      }
    }
  }
};
