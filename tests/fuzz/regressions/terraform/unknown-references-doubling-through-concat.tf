resource "aws_s3_bucket" "x" {
  bucket = "x"
}
locals {
  l0 = [aws_s3_bucket.x.id]
  l1 = concat(local.l0, local.l0, lobal.z)
  l2 = concat(local.l1, local.l1, lobal.z)
  l3 = concat(local.l2, local.l2, lobal.z)
  l4 = concat(local.l3, local.l3, lobal.z)
  l5 = concat(local.l4, local.l4, lobal.z)
  l6 = concat(local.l5, local.l5, lobal.z)
  l7 = concat(local.l6, local.l6, lobal.z)
  l8 = concat(local.l7, local.l7, lobal.z)
  l9 = concat(local.l8, local.l8, lobal.z)
  l10 = concat(local.l9, local.l9, lobal.z)
  l11 = concat(local.l10, local.l10, lobal.z)
  l12 = concat(local.l11, local.l11, lobal.z)
  l13 = concat(local.l12, local.l12, lobal.z)
  l14 = concat(local.l13, local.l13, lobal.z)
  l15 = concat(local.l14, local.l14, lobal.z)
  l16 = concat(local.l15, local.l15, lobal.z)
  l17 = concat(local.l16, local.l16, lobal.z)
  l18 = concat(local.l17, local.l17, lobal.z)
  l19 = concat(local.l18, local.l18, lobal.z)
  l20 = concat(local.l19, local.l19, lobal.z)
  l21 = concat(local.l20, local.l20, lobal.z)
  l22 = concat(local.l21, local.l21, lobal.z)
  l23 = concat(local.l22, local.l22, lobal.z)
  l24 = concat(local.l23, local.l23, lobal.z)
  l25 = concat(local.l24, local.l24, lobal.z)
  l26 = concat(local.l25, local.l25, lobal.z)
  l27 = concat(local.l26, local.l26, lobal.z)
  l28 = concat(local.l27, local.l27, lobal.z)
  l29 = concat(local.l28, local.l28, lobal.z)
  l30 = concat(local.l29, local.l29, lobal.z)
  l31 = concat(local.l30, local.l30, lobal.z)
  l32 = concat(local.l31, local.l31, lobal.z)
  l33 = concat(local.l32, local.l32, lobal.z)
  l34 = concat(local.l33, local.l33, lobal.z)
  l35 = concat(local.l34, local.l34, lobal.z)
  l36 = concat(local.l35, local.l35, lobal.z)
  l37 = concat(local.l36, local.l36, lobal.z)
  l38 = concat(local.l37, local.l37, lobal.z)
  l39 = concat(local.l38, local.l38, lobal.z)
  l40 = concat(local.l39, local.l39, lobal.z)
}
resource "aws_s3_bucket" "b" {
  tags = { n = length(local.l40) }
}
