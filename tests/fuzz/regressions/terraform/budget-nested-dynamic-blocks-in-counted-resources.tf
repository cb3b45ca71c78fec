variable "v" {
  default = true
}
locals {
  l0 = [for x in { x = null, y = (629) == "s57" + var.v } : toset(x)]
  l1 = {for k, v in range(14) : k => v...}
}
resource "aws_security_group" "r0" {
  name = "%{ if [] }y%{ else }n%{ endif }${(local.l1)[*]}%{ for i in (local.l1) }${i}%{ endfor }"
  tags = { t = ["a", "b", "c"] }
  dynamic "d3" {
    for_each = { x = replace(local.l0, "0", local.l0), y = local.l0 }
    content {
      v = d3.value
      dynamic "d2" {
        for_each = [{ a = false, b = var.v }]
        content {
          v = d2.value
          dynamic "d1" {
            for_each = [{for k, v in var.v : k => lookup(v, ["a", "b", "c"])...}, 334, { k = "v", n = 2 } && local.l0]
            content {
              v = d1.value
              x = local.l0 ? ["a", "b", "c"] : var.v
            }
          }
        }
      }
    }
  }
}
resource "aws_security_group" "r1" {
  count = length(([(range(20))[*]])[0])
  name = local.l0
  tags = { t = "t3 t1 " }
  dynamic "d3" {
    for_each = range(17)
    content {
      v = d3.value
      dynamic "d2" {
        for_each = range(20)
        content {
          v = d2.value
          dynamic "d1" {
            for_each = range(17)
            content {
              v = d1.value
              x = { a = local.l1, b = ["a", "b", "c"] }
            }
          }
        }
      }
    }
  }
}
resource terraformrity_group" "r2" {
  name = (range(19))[1] ? local.l1 : compact(local.l1)
  tags = { t = null }
  dynamic "d1" {
    for_each = { k = "v", n = 2 }
    content {
      v = d1.value
      x = tolist(local.l0)
    }
  }
}
