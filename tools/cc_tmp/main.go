package main
import ("fmt";"image/color";"github.com/studioflow/studioflow/canvas/look";"os";"strconv")
func h(s string) color.NRGBA { v,_:=strconv.ParseUint(s,16,32); return color.NRGBA{uint8(v>>16),uint8(v>>8),uint8(v),255}}
func main(){ fmt.Printf("%.2f\n", look.Contrast(h(os.Args[1]),h(os.Args[2]))) }
